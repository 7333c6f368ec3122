/** Human labels for enum codes (HubSpot sources, lifecycle stages, statuses): "Paid social", never PAID_SOCIAL. */

const KNOWN: Record<string, string> = {
  ORGANIC_SEARCH: 'Organic search',
  PAID_SEARCH: 'Paid search',
  PAID_SOCIAL: 'Paid social',
  SOCIAL_MEDIA: 'Organic social',
  EMAIL_MARKETING: 'Email marketing',
  REFERRALS: 'Referrals',
  AI_REFERRALS: 'AI referrals',
  DIRECT_TRAFFIC: 'Direct traffic',
  OTHER_CAMPAIGNS: 'Other campaigns',
  OFFLINE: 'Offline sources',
  SMARTLEAD: 'SmartLead',
  UNKNOWN: 'Unknown',
  subscriber: 'Subscriber',
  lead: 'Lead',
  marketingqualifiedlead: 'MQL',
  mql: 'MQL',
  salesqualifiedlead: 'SQL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  evangelist: 'Evangelist',
  first_touch: 'First touch',
  time_decay: 'Time decay',
  untouched_breached: 'Untouched, SLA breached',
  untouched_pending: 'Untouched, within SLA so far',
  within_sla: 'Within SLA',
  late: 'Late',
};

/** "PAID_SOCIAL" → "Paid social"; known codes get their usual names, others lose underscores and shouting. */
export function humanLabel(code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const known = KNOWN[code] ?? KNOWN[code.toUpperCase()];
  if (known) return known;
  if (/^[a-z]+$/.test(code)) return code.charAt(0).toUpperCase() + code.slice(1);
  if (!/^[A-Za-z0-9]+(_[A-Za-z0-9]+)*$/.test(code) || (!code.includes('_') && code !== code.toUpperCase())) return code;
  const words = code.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
