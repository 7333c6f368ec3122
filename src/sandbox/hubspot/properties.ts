/**
 * The properties each object type has, and the options of its dropdowns, as a portal defines them: HubSpot's
 * standard properties plus every property (and option value) the loaded dataset uses. Writes naming anything else
 * are refused as HubSpot refuses them (PROPERTY_DOESNT_EXIST, INVALID_OPTION); reads ignore unknown names.
 */
import type { ObjectType } from '../../dataset/index.js';
import type { SandboxStore } from '../store/index.js';

const COMMON = ['hs_object_id', 'hs_lastmodifieddate', 'hubspot_owner_id', 'hs_createdate', 'createdate'];
const ENGAGEMENT = [...COMMON, 'hs_timestamp', 'hs_attachment_ids'];

const STANDARD: Record<ObjectType, string[]> = {
  deals: [
    ...COMMON,
    'dealname',
    'amount',
    'dealstage',
    'pipeline',
    'closedate',
    'dealtype',
    'description',
    'closed_lost_reason',
    'closed_won_reason',
    'hs_next_step',
    'hs_priority',
    'hs_analytics_source',
    'hs_analytics_source_data_1',
    'hs_analytics_source_data_2',
    'notes_last_updated',
    'notes_last_contacted',
    'notes_next_activity_date',
    'num_notes',
    'num_contacted_notes',
    'num_associated_contacts',
    'hs_deal_stage_probability',
    'hs_forecast_category',
    'hs_forecast_probability',
    'hs_is_closed',
    'hs_is_closed_won',
    'hs_manual_forecast_category',
    'amount_in_home_currency',
    'deal_currency_code',
  ],
  contacts: [
    ...COMMON,
    'email',
    'firstname',
    'lastname',
    'phone',
    'mobilephone',
    'company',
    'jobtitle',
    'website',
    'city',
    'country',
    'lifecyclestage',
    'hs_lead_status',
    'hs_analytics_source',
    'hs_analytics_source_data_1',
    'hs_analytics_source_data_2',
    'lastmodifieddate',
    'hubspotscore',
    'hs_last_sales_activity_timestamp',
    'associatedcompanyid',
  ],
  companies: [
    ...COMMON,
    'name',
    'domain',
    'industry',
    'city',
    'state',
    'country',
    'phone',
    'website',
    'numberofemployees',
    'annualrevenue',
    'lifecyclestage',
    'description',
    'hs_analytics_source',
    'hs_analytics_source_data_1',
    'type',
  ],
  calls: [
    ...ENGAGEMENT,
    'hs_call_title',
    'hs_call_body',
    'hs_call_direction',
    'hs_call_duration',
    'hs_call_status',
    'hs_call_disposition',
    'hs_call_to_number',
    'hs_call_from_number',
    'hs_call_recording_url',
  ],
  emails: [
    ...ENGAGEMENT,
    'hs_email_subject',
    'hs_email_text',
    'hs_email_html',
    'hs_email_direction',
    'hs_email_status',
    'hs_email_headers',
    'hs_email_sender_email',
    'hs_email_to_email',
  ],
  meetings: [
    ...ENGAGEMENT,
    'hs_meeting_title',
    'hs_meeting_body',
    'hs_internal_meeting_notes',
    'hs_meeting_start_time',
    'hs_meeting_end_time',
    'hs_meeting_outcome',
    'hs_meeting_location',
    'hs_meeting_external_url',
  ],
  notes: [...ENGAGEMENT, 'hs_note_body'],
  tasks: [
    ...ENGAGEMENT,
    'hs_task_subject',
    'hs_task_body',
    'hs_task_status',
    'hs_task_priority',
    'hs_task_type',
    'hs_task_reminders',
    'hs_task_completion_date',
  ],
};

/** Dropdown (enumeration) properties with HubSpot's default options (api-facts A6). */
const OPTIONS: Partial<Record<ObjectType, Record<string, string[]>>> = {
  tasks: {
    hs_task_status: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
    hs_task_priority: ['NONE', 'LOW', 'MEDIUM', 'HIGH'],
    hs_task_type: ['EMAIL', 'CALL', 'TODO', 'LINKED_IN'],
  },
  calls: {
    hs_call_direction: ['INBOUND', 'OUTBOUND'],
    hs_call_status: [
      'BUSY',
      'CALLING_CRM_USER',
      'CANCELED',
      'COMPLETED',
      'CONNECTING',
      'FAILED',
      'IN_PROGRESS',
      'MISSED',
      'NO_ANSWER',
      'QUEUED',
      'RINGING',
    ],
  },
  meetings: { hs_meeting_outcome: ['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED'] },
  emails: {
    hs_email_direction: ['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL'],
    hs_email_status: ['BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING', 'SENT'],
  },
  contacts: {
    lifecyclestage: [
      'subscriber',
      'lead',
      'marketingqualifiedlead',
      'salesqualifiedlead',
      'opportunity',
      'customer',
      'evangelist',
      'other',
    ],
    hs_lead_status: [
      'NEW',
      'OPEN',
      'IN_PROGRESS',
      'OPEN_DEAL',
      'UNQUALIFIED',
      'ATTEMPTED_TO_CONTACT',
      'CONNECTED',
      'BAD_TIMING',
    ],
  },
  deals: { dealtype: ['newbusiness', 'existingbusiness'] },
};

interface Registry {
  key: string;
  properties: Map<ObjectType, Set<string>>;
  options: Map<string, Set<string>>;
}
const registries = new WeakMap<SandboxStore, Registry>();

function registry(store: SandboxStore): Registry {
  const key = `${store.getMeta('fingerprint') ?? ''}`;
  const cached = registries.get(store);
  if (cached && cached.key === key) return cached;
  const r: Registry = { key, properties: new Map(), options: new Map() };
  registries.set(store, r);
  return r;
}

/** Every property name an object type has in this portal. */
export function knownProperties(store: SandboxStore, type: ObjectType): Set<string> {
  const r = registry(store);
  let set = r.properties.get(type);
  if (!set) {
    set = new Set(STANDARD[type]);
    const rows = store.db
      .prepare('SELECT DISTINCT j.key AS k FROM objects o, json_each(o.properties) j WHERE o.type = ?')
      .all(type) as { k: string }[];
    for (const row of rows) set.add(row.k);
    r.properties.set(type, set);
  }
  return set;
}

/** The options of a dropdown property (its defaults plus values the portal holds), or undefined for free text. */
export function propertyOptions(store: SandboxStore, type: ObjectType, property: string): Set<string> | undefined {
  const defaults = OPTIONS[type]?.[property];
  if (!defaults) return undefined;
  const r = registry(store);
  const key = `${type}.${property}`;
  let set = r.options.get(key);
  if (!set) {
    set = new Set(defaults);
    const rows = store.db
      .prepare(`SELECT DISTINCT json_extract(properties, '$.' || ?) AS v FROM objects WHERE type = ? AND v IS NOT NULL`)
      .all(property, type) as { v: string }[];
    for (const row of rows) set.add(String(row.v));
    r.options.set(key, set);
  }
  return set;
}
