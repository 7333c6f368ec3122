/** What sales-mis needs from a CRM. The HubSpot adapter and the in-memory dataset fake both implement it. */
import type {
  AccountInfo,
  Company,
  Contact,
  CrmObjectType,
  CrmSnapshot,
  Deal,
  Engagement,
  EngagementKind,
  Owner,
  Pipeline,
} from './model.js';

export type FilterOperator =
  | 'EQ'
  | 'NEQ'
  | 'LT'
  | 'LTE'
  | 'GT'
  | 'GTE'
  | 'BETWEEN'
  | 'IN'
  | 'NOT_IN'
  | 'HAS_PROPERTY'
  | 'NOT_HAS_PROPERTY'
  | 'CONTAINS_TOKEN'
  | 'NOT_CONTAINS_TOKEN';

export interface SearchFilter {
  propertyName: string;
  operator: FilterOperator;
  value?: string;
  highValue?: string;
  values?: string[];
}

export interface SearchQuery {
  /** Filters are ANDed. */
  filters?: SearchFilter[];
  sort?: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' };
  /** Stop after this many results (default: all of them, past HubSpot's 10,000 cap). */
  max?: number;
}

export interface Modified {
  id: string;
  /** hs_lastmodifieddate (ISO), so a caller can skip records it already holds in this version. */
  modifiedAt: string | null;
}

/** A slice of a snapshot, as streamAll delivers it. */
export type SnapshotBatch = Partial<Omit<CrmSnapshot, 'fetchedAt'>>;

export interface ReadProgress {
  phase: string;
  done: number;
}

export interface CrmPort {
  accountInfo(): Promise<AccountInfo>;
  listOwners(): Promise<Owner[]>;
  listPipelines(): Promise<Pipeline[]>;
  listCompanies(): Promise<Company[]>;
  listContacts(): Promise<Contact[]>;
  /** Every deal with stage/close date/amount history and its contact and company ids. */
  listDeals(): Promise<Deal[]>;
  listEngagements(kind: EngagementKind): Promise<Engagement[]>;
  getDeal(id: string): Promise<Deal | null>;
  /** Deals by id, in batches of ≤100; unknown ids are left out. */
  getDeals(ids: ReadonlyArray<string>): Promise<Deal[]>;
  searchDeals(query: SearchQuery): Promise<Deal[]>;
  getCompanies(ids: ReadonlyArray<string>): Promise<Company[]>;
  getContacts(ids: ReadonlyArray<string>): Promise<Contact[]>;
  getEngagements(kind: EngagementKind, ids: ReadonlyArray<string>): Promise<Engagement[]>;
  /** Ids of archived (deleted) records of a type, archived at or after `since` when given. */
  archivedIds(type: CrmObjectType, since?: string): Promise<string[]>;
  /** Records of `type` modified at or after `since` (ISO), with their modification time, past the 10,000 cap. */
  modifiedSince(type: CrmObjectType, since: string): Promise<Modified[]>;
  /** Associated ids for many records at once (v4 batch read). */
  associations(from: CrmObjectType, ids: ReadonlyArray<string>, to: CrmObjectType): Promise<Map<string, string[]>>;
  /** The whole portal. */
  readAll(onProgress?: (p: ReadProgress) => void): Promise<CrmSnapshot>;
  /** The whole portal, a page at a time (account, owners and pipelines first), so it never sits in memory whole. */
  streamAll(
    onBatch: (batch: SnapshotBatch) => void | Promise<void>,
    onProgress?: (p: ReadProgress) => void,
  ): Promise<void>;
}

/** Engagements sales-mis may create (emails come from the mailbox or SmartLead, never from us). */
export type WritableEngagementKind = 'note' | 'task' | 'call' | 'meeting';

export interface CrmWriteResult {
  /** The created or updated record's id. */
  id: string;
}

/**
 * The CRM's write side, used only by the audited write path (src/writes). Each method is one request: creates
 * carry their associations inline, so a record never exists half-linked. Implementations never retry a write
 * that may have reached the CRM; they throw a HubSpotError whose status tells the caller what happened.
 * The two reads let the caller refresh its cache from what the CRM now holds.
 */
export interface CrmWriter extends Pick<CrmPort, 'getDeals' | 'getEngagements'> {
  /** PATCH the deal's properties. */
  updateDeal(id: string, properties: Readonly<Record<string, string>>): Promise<CrmWriteResult>;
  /** Create a deal associated with a company and contacts (HubSpot's default association types). */
  createDeal(
    properties: Readonly<Record<string, string>>,
    links?: { companyId?: string; contactIds?: ReadonlyArray<string> },
  ): Promise<CrmWriteResult>;
  /** Create a note, task, call or meeting on a deal (and contacts), with HubSpot property names. */
  createEngagement(
    kind: WritableEngagementKind,
    properties: Readonly<Record<string, string>>,
    links: { dealId: string; contactIds?: ReadonlyArray<string> },
  ): Promise<CrmWriteResult>;
}

/** Whether a CRM port can also write (HubSpotCrm and DatasetCrm can). */
export function isCrmWriter(crm: CrmPort): crm is CrmPort & CrmWriter {
  const w = crm as Partial<CrmWriter>;
  return (
    typeof w.updateDeal === 'function' && typeof w.createDeal === 'function' && typeof w.createEngagement === 'function'
  );
}
