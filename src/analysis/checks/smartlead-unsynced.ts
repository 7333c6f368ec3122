/**
 * HC-5 smartlead_unsynced: SmartLead emails that never reached HubSpot. Per lead email with SENT/REPLY messages
 * (up to asOf):
 *  (a) a HubSpot contact has that email but no HubSpot email engagement linked to it at or after the first SmartLead
 *      message minus SYNC_GRACE_DAYS → objectId the contact;
 *  (b) no HubSpot contact has that email (trimmed, case-insensitive) → objectId null.
 * High when the lead replied; medium when the contact is on an open deal; low otherwise.
 */
import type { Contact, Deal } from '../../crm/index.js';
import type { LeadMessage } from '../../smartlead/index.js';
import { derive, type Derived } from '../derive.js';
import type { Finding, Severity } from '../finding.js';
import type { AnalysisContext } from '../input.js';
import { DAY_MS } from '../time.js';
import { calendarDay, canonIso, compareIds, dealsByContact, humanDay, iso, plural } from './common.js';

export const SYNC_GRACE_DAYS = 1;
const RULE_CONTACT = `SmartLead messages exist for a HubSpot contact with no HubSpot email engagement at or after the first message minus ${SYNC_GRACE_DAYS} day`;
const RULE_NO_CONTACT = 'SmartLead messages exist for an email no HubSpot contact has (trimmed, case-insensitive)';

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The deal whose owner answers for a contact: its newest open deal, else its newest deal. */
function ownerDeal(deals: Deal[] | undefined, d: Derived): Deal | undefined {
  if (!deals || deals.length === 0) return undefined;
  for (let i = deals.length - 1; i >= 0; i--) if (d.isOpen(deals[i]!)) return deals[i];
  return deals[deals.length - 1];
}

export function smartleadUnsynced(ctx: AnalysisContext): Finding[] {
  const d = derive(ctx);
  if (!ctx.data.outreach) return [];
  const contactsByEmail = new Map<string, Contact[]>();
  for (const c of d.contacts.values()) {
    if (!c.email) continue;
    const k = emailKey(c.email);
    const list = contactsByEmail.get(k);
    if (list) list.push(c);
    else contactsByEmail.set(k, [c]);
  }
  const byContact = dealsByContact(d);
  const out: Finding[] = [];
  for (const [email, all] of d.smartleadByEmail) {
    // Oldest first: drop what is after asOf from the end.
    let n = all.length;
    while (n > 0 && Date.parse(all[n - 1]!.time) > d.asOfMs) n--;
    if (n === 0) continue;
    const messages = n === all.length ? all : all.slice(0, n);
    const first = Date.parse(messages[0]!.time);
    const stats = summarize(messages);
    const found = contactsByEmail.get(email) ?? [];
    // The record that answers for the email: one on a deal, else the oldest.
    const candidates =
      found.length < 2
        ? found
        : [...found].sort(
            (a, b) =>
              Number(byContact.has(b.id)) - Number(byContact.has(a.id)) ||
              (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
              compareIds(a.id, b.id),
          );
    const windowStart = first - SYNC_GRACE_DAYS * DAY_MS;
    const windowIso = iso(windowStart);
    if (candidates.length > 0) {
      let lastBefore: string | null = null;
      let synced = false;
      for (const c of candidates) {
        // Oldest first, canonical ISO timestamps (the CRM mappers write toISOString): the latest email decides.
        const list = d.engagementsByContact.get(c.id) ?? [];
        for (let i = list.length - 1; i >= 0; i--) {
          const e = list[i]!;
          if (e.kind !== 'email') continue;
          if (e.timestamp >= windowIso) synced = true;
          else if (lastBefore === null || e.timestamp > lastBefore) lastBefore = e.timestamp;
          break;
        }
        if (synced) break;
      }
      if (synced) continue;
      const contact = candidates[0]!;
      const deals = candidates.flatMap((c) => byContact.get(c.id) ?? []);
      const deal = ownerDeal(byContact.get(contact.id), d) ?? ownerDeal(deals, d);
      const onOpenDeal = deals.some((x) => d.isOpen(x));
      const severity: Severity = stats.replies > 0 ? 'high' : onOpenDeal ? 'medium' : 'low';
      out.push({
        check: 'smartlead_unsynced',
        objectType: 'contact',
        objectId: contact.id,
        ownerId: deal?.ownerId ?? null,
        severity,
        summary: `SmartLead: ${describe(stats)}, but the HubSpot contact has no email logged since ${humanDay(calendarDay(windowStart, ctx.timezone), calendarDay(d.asOfMs, ctx.timezone))}`,
        evidence: {
          rule: RULE_CONTACT,
          email,
          contactIds: candidates.map((c) => c.id),
          dealIds: [...new Set(deals.map((x) => x.id))].sort(compareIds),
          ...stats,
          windowStart: windowIso,
          hubspotEmailsSince: 0,
          lastHubspotEmailBefore: lastBefore,
        },
      });
    } else {
      const severity: Severity = stats.replies > 0 ? 'high' : 'low';
      out.push({
        check: 'smartlead_unsynced',
        objectType: 'contact',
        objectId: null,
        ownerId: null,
        severity,
        summary: `SmartLead: ${describe(stats)}, and no HubSpot contact has this address`,
        evidence: {
          rule: RULE_NO_CONTACT,
          email,
          ...stats,
        },
      });
    }
  }
  return out;
}

interface LeadStats {
  campaignIds: number[];
  leadIds: number[];
  sent: number;
  replies: number;
  firstMessageAt: string;
  lastMessageAt: string;
  lastReplyAt: string | null;
}

function summarize(messages: LeadMessage[]): LeadStats {
  const campaigns = new Set<number>();
  const leads = new Set<number>();
  let sent = 0;
  let replies = 0;
  let lastReply: string | null = null;
  for (const m of messages) {
    campaigns.add(m.campaignId);
    leads.add(m.leadId);
    if (m.type === 'REPLY') {
      replies++;
      lastReply = m.time;
    } else sent++;
  }
  return {
    campaignIds: [...campaigns].sort((a, b) => a - b),
    leadIds: [...leads].sort((a, b) => a - b),
    sent,
    replies,
    firstMessageAt: canonIso(messages[0]!.time),
    lastMessageAt: canonIso(messages[messages.length - 1]!.time),
    lastReplyAt: lastReply === null ? null : canonIso(lastReply),
  };
}

function describe(s: LeadStats): string {
  const sent = plural(s.sent, 'email sent', 'emails sent');
  return s.replies > 0 ? `${sent} and ${plural(s.replies, 'reply', 'replies')}` : sent;
}
