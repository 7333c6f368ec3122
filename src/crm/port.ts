/** What sales-mis needs from a CRM. The HubSpot adapter and the in-memory dataset fake both implement it. */
import type { AccountInfo, Company, Contact, CrmObjectType, CrmSnapshot, Deal, Engagement, EngagementKind, Owner, Pipeline } from './model.js';

export type FilterOperator =
  | 'EQ' | 'NEQ' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'BETWEEN' | 'IN' | 'NOT_IN'
  | 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' | 'CONTAINS_TOKEN' | 'NOT_CONTAINS_TOKEN';

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
  streamAll(onBatch: (batch: SnapshotBatch) => void | Promise<void>, onProgress?: (p: ReadProgress) => void): Promise<void>;
}
