export { SandboxStore, type StoredObject, type StoredAssociation, type HistoryItem, type PortalInfo } from './store.js';
export {
  defaultAssociationTypes,
  targetTypeFor,
  v3AssociationName,
  singular,
  type AssociationType,
} from './association-types.js';
export { STORE_VERSION } from './schema.js';
