/**
 * A tiny seeded generator of messy small portals for invariant tests: deals that skip, regress, close, reopen and
 * change amount / close date (some history after asOf, some amounts cleared), owners missing, contacts whose
 * lifecycle jumps around, engagements of every kind and status, marketing touches and SmartLead messages.
 */
import type { PortalDatasetInput } from '../../../src/dataset/index.js';
import { PortalBuilder, type EngagementKind } from './builder.js';

/** mulberry32 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'contractsent', 'closedwon', 'closedlost'];
const LIFECYCLE = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
];
const SOURCES = [
  'ORGANIC_SEARCH',
  'PAID_SEARCH',
  'PAID_SOCIAL',
  'EMAIL_MARKETING',
  'REFERRALS',
  'DIRECT_TRAFFIC',
  'OFFLINE',
  null,
];
const CAMPAIGNS = [
  ['mk-a', 'PAID_SEARCH'],
  ['mk-b', 'PAID_SOCIAL'],
  ['mk-c', 'EMAIL_MARKETING'],
] as const;
const KINDS: EngagementKind[] = ['calls', 'emails', 'meetings', 'notes', 'tasks'];

export const AS_OF_LOCAL = '2026-11-20 18:00';

export function randomPortal(seed: number): PortalDatasetInput {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const asOf = Date.parse('2026-11-20T12:30:00Z');
  const DAY = 86_400_000;
  // times as IST wall-clock strings for the builder (IST = UTC + 5:30)
  const local = (ms: number) => {
    const d = new Date(ms + 5.5 * 3_600_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  };
  const around = (maxDaysBack: number, futureChance = 0.05) =>
    r() < futureChance ? asOf + r() * 3 * DAY : asOf - r() * maxDaysBack * DAY;
  const b = new PortalBuilder(AS_OF_LOCAL);

  const nCompanies = int(1, 4);
  for (let i = 0; i < nCompanies; i++) b.company(`co${i}`);
  const nContacts = int(3, 12);
  const contacts: string[] = [];
  for (let i = 0; i < nContacts; i++) {
    const id = `c${i}`;
    contacts.push(id);
    const created = around(200, 0.02);
    const steps = int(0, 4);
    const lifecycle: [string, string][] = [];
    let t = created;
    for (let k = 0; k < steps; k++) {
      lifecycle.push([pick(LIFECYCLE), local(t)]);
      t += r() * 20 * DAY;
    }
    b.contact({
      id,
      created: local(created),
      source: pick(SOURCES),
      email: `p${i}@x${i % 3}.example`,
      lifecycle,
      ...(steps === 0 ? { lifecycleStage: pick(LIFECYCLE) } : {}),
      ...(r() < 0.7 ? { companies: [`co${int(0, nCompanies - 1)}`] } : {}),
      ...(r() < 0.5 ? { owner: pick(['101', '102']) } : {}),
    });
  }

  const nDeals = int(4, 14);
  const deals: string[] = [];
  for (let i = 0; i < nDeals; i++) {
    const id = String(7000 + i);
    deals.push(id);
    const created = around(150, 0.03);
    const stages: [string, string][] = [];
    const amounts: [number | null, string][] = [];
    const closeDates: [string | null, string][] = [];
    let t = created;
    const moves = int(1, 5);
    for (let k = 0; k < moves; k++) {
      stages.push([k === 0 ? pick(STAGES.slice(0, 3)) : pick(STAGES), local(t)]);
      if (r() < 0.6)
        amounts.push([
          r() < 0.1 ? null : int(1, 50) * 50_000 + (r() < 0.2 ? 0.5 : 0),
          local(r() < 0.5 ? t : t + r() * 3 * DAY),
        ]);
      if (r() < 0.5) closeDates.push([r() < 0.05 ? null : local(t + (r() - 0.3) * 90 * DAY).slice(0, 10), local(t)]);
      t += r() * 25 * DAY;
    }
    const dealContacts = contacts.filter(() => r() < 0.2);
    b.deal({
      id,
      owner: r() < 0.1 ? null : pick(['101', '102']),
      created: local(created),
      stages,
      amounts,
      closeDates,
      ...(r() < 0.4 ? { source: pick(SOURCES.filter((s): s is string => s !== null)) } : {}),
      ...(r() < 0.3 ? { lostReason: pick(['Budget cut', 'Went with a competitor', '', 'Champion left']) } : {}),
      contacts: dealContacts,
      companies: r() < 0.7 ? [`co${int(0, nCompanies - 1)}`] : [],
    });
  }

  const nEng = int(0, 40);
  for (let i = 0; i < nEng; i++) {
    const kind = pick(KINDS);
    b.engagement({
      id: `e${i}`,
      kind,
      at: local(around(60, 0.1)),
      owner: r() < 0.1 ? null : pick(['101', '102']),
      deals: r() < 0.7 ? [pick(deals)] : [],
      contacts: r() < 0.5 ? [pick(contacts)] : [],
      ...(kind === 'meetings' ? { status: pick(['COMPLETED', 'CANCELED', 'NO_SHOW', 'SCHEDULED']) } : {}),
      ...(kind === 'tasks' ? { status: pick(['COMPLETED', 'NOT_STARTED']) } : {}),
      ...(kind === 'emails' ? { direction: pick(['EMAIL', 'INCOMING_EMAIL']) } : {}),
    });
  }
  if (r() < 0.8) {
    for (const [id, ch] of CAMPAIGNS) b.campaign(id, ch, r() < 0.2 ? 0 : int(1, 10) * 10_000);
    const nTouch = int(0, 20);
    for (let i = 0; i < nTouch; i++) {
      const [id, ch] = pick(CAMPAIGNS);
      b.touch(pick(contacts), id, ch, local(around(200, 0.05)));
    }
  }
  if (r() < 0.7) {
    b.smartleadCampaign(501, r() < 0.5 ? int(1, 9) * 10_000 : undefined);
    const nMsg = int(0, 12);
    for (let i = 0; i < nMsg; i++) {
      const c = int(0, nContacts); // nContacts = a lead not in HubSpot
      b.smartleadMessage(
        501,
        900 + c,
        c < nContacts ? `p${c}@x${c % 3}.example` : 'ghost@nowhere.example',
        r() < 0.7 ? 'SENT' : 'REPLY',
        local(around(90, 0.05)),
      );
    }
  }
  return b.build();
}
