/**
 * The generator's working model: plans for every record, referenced by array index, turned into HubSpot-shaped
 * records only at the end (assemble.ts). Times are epoch ms.
 */
import type { EngagementType } from '../dataset/index.js';
import type { Product, Sector } from './names.js';
import type { DealPlantKind, UpdateKind } from './plants.js';

export type Style = 'tidy' | 'sparse' | 'smartlead';

export interface Config {
  seed: number;
  deals: number;
  asOfText: string;
  asOf: number;
  /** Start of the ~9 month window deals are spread over. */
  windowStart: number;
}

export interface OwnerPlan {
  id: string;
  userId: number;
  firstName: string;
  lastName: string;
  email: string;
  createdAt: number;
  /** Undefined for the manager. */
  style: Style | undefined;
}

export interface CompanyPlan {
  idx: number;
  id: string;
  name: string;
  domain: string | null;
  sector: Sector;
  industry: string;
  city: string;
  employees: number;
  ownerIdx: number;
  createdAt: number;
  kind: 'customer' | 'prospect' | 'duplicate';
  /** For a planted duplicate: the company it duplicates. */
  duplicateOf: number | undefined;
  /** Deal indices, oldest first (a company's deals never overlap in time). */
  deals: number[];
  contacts: number[];
}

export interface HistoryPoint {
  value: string;
  at: number;
}

export interface ContactPlan {
  idx: number;
  id: string;
  companyIdx: number | null;
  firstName: string;
  lastName: string;
  email: string;
  jobTitle: string;
  phone: string;
  source: string;
  createdAt: number;
  lifecycle: HistoryPoint[];
  deals: number[];
  ownerIdx: number | null;
}

export type Outcome = 'open' | 'won' | 'lost';

export interface DealPlan {
  idx: number;
  id: string;
  companyIdx: number;
  ownerIdx: number;
  pipeline: 'default' | 'renewals';
  outcome: Outcome;
  product: Product;
  createdAt: number;
  /** When it closed; undefined while open. */
  closedAt: number | undefined;
  /** Deal-level problem this deal carries on purpose (at most one). */
  plant: DealPlantKind | undefined;
  /** The divergence the owner's weekly update will show for this deal, if it is mentioned. */
  update: UpdateKind | undefined;
  /** Stale plants: nothing at all happens after this moment. */
  quietFrom: number | undefined;
  /** Index into OPEN_STAGES of the current stage (open main-pipeline deals). */
  stageIndex: number;
  stages: HistoryPoint[];
  amounts: HistoryPoint[];
  closeDates: HistoryPoint[];
  /** Current values as the CRM shows them (null = never set, '' = cleared). */
  amount: string | null;
  closeDate: string | null;
  contacts: number[];
  /** How many contacts the deal wants; contacts.ts fills `contacts`. */
  contactsWanted: number;
  source: string;
  lostReason: string | undefined;
  nextStep: string | undefined;
  /** Plant detail kept for the planted list (e.g. which variant). */
  variant: string | undefined;
}

export interface EngagementDraft {
  type: EngagementType;
  /** hs_timestamp (for tasks: the due date). */
  at: number;
  createdAt: number;
  modifiedAt: number;
  ownerIdx: number | null;
  dealIdx: number | null;
  contactIdxs: number[];
  companyIdx: number | null;
  props: Record<string, string>;
  /** Assigned in assemble.ts. */
  id: string;
  /** Insertion order, the tie-breaker when ids are assigned. */
  seq: number;
}

/** Everything the later steps build on. */
export interface World {
  cfg: Config;
  owners: OwnerPlan[];
  companies: CompanyPlan[];
  contacts: ContactPlan[];
  deals: DealPlan[];
  engagements: EngagementDraft[];
  /** Company names kept out of the CRM for the weekly updates' "deal not in the CRM" mentions. */
  reservedNames: string[];
  /** Company names already taken (normalised), shared by every name the generator invents. */
  takenNames: Set<string>;
  takenDomains: Set<string>;
  takenEmails: Set<string>;
}
