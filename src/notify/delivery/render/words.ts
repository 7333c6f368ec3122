/**
 * Text from elsewhere (a finding's summary, what HubSpot shows) as people read it in a digest: dates as days
 * ("Mon 16 Nov"), property names as words, no stage-category codes; check names as short phrases.
 */
import { dayLabel } from '../../../assist/index.js';
import type { DigestItem } from '../../content/digest.js';

const PROPERTY_WORDS: Record<string, string> = {
  closedate: 'close date',
  hubspot_owner_id: 'owner',
  dealstage: 'stage',
  dealname: 'deal name',
  hs_next_step: 'next step',
  amount: 'amount',
};

const CHECK_WORDS: Record<string, string> = {
  stale_deal: 'no recent activity',
  close_date_past: 'close date passed',
  stage_mismatch: 'stage behind',
  missing_notes: 'no notes',
  missing_required_field: 'missing fields',
  stage_skipped: 'stage skipped',
};

/** ISO dates and timestamps → "Mon 16 Nov"; property names → words; " (mid)"-style stage categories dropped. */
export function readable(text: string, timeZone: string, asOf: string): string {
  const now = Date.parse(asOf);
  return text
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, (m) =>
      Number.isNaN(Date.parse(m)) ? m : dayLabel(Date.parse(m), timeZone, now),
    )
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (m) =>
      Number.isNaN(Date.parse(m)) ? m : dayLabel(Date.parse(`${m}T12:00:00Z`), 'UTC', now),
    )
    .replace(/\b(closedate|hubspot_owner_id|dealstage|dealname|hs_next_step)\b/g, (m) => PROPERTY_WORDS[m] ?? m)
    .replace(/ \((?:early|mid|late|open|closed)\)/g, '');
}

/** The item's problems as short phrases: "close date passed, no notes". */
export function checkWords(it: Pick<DigestItem, 'findings'>): string {
  return [...new Set(it.findings.map((f) => CHECK_WORDS[f.check] ?? f.check.replace(/_/g, ' ')))].join(', ');
}
