/**
 * One free-text weekly update per AE, sent on asOf's day. Each mention diverges from the CRM in exactly the way its
 * plant says (or not at all, for `update_consistent`); everything else a mention states matches the CRM.
 */
import type { AeUpdate } from '../dataset/index.js';
import type { DealStats } from './activity.js';
import { lastSmartleadMessage } from './deal-plants.js';
import { roundAmount } from './histories.js';
import type { DealPlan, World } from './model.js';
import { PRODUCTS } from './names.js';
import { aeIndices } from './owners.js';
import { openStage, STAGE } from './pipeline.js';
import type { JsonValue, PlantLog, UpdateKind } from './plants.js';
import type { Rng } from './random.js';
import type { RolePlan } from './roles.js';
import {
  DAY,
  HOUR,
  MINUTE,
  closeDateMs,
  istDate,
  istDayStart,
  istParts,
  istWeekStart,
  iso,
  monthName,
} from './time.js';
import { STAGE_PHRASES, alias, earlierThisWeek, formatDay, formatInr } from './update-phrases.js';

interface Mention {
  text: string;
  kind: UpdateKind;
  deal: DealPlan | undefined;
  extra: Record<string, JsonValue>;
}

export function buildUpdates(
  world: World,
  roles: RolePlan,
  stats: DealStats[],
  lastByContact: Map<number, number>,
  plants: PlantLog,
  rng: Rng,
): AeUpdate[] {
  const { asOf } = world.cfg;
  const firstWords = new Map<string, number>();
  for (const c of world.companies) {
    const w = c.name.split(' ')[0]!.toLowerCase();
    firstWords.set(w, (firstWords.get(w) ?? 0) + 1);
  }
  const byOwner = new Map<number, DealPlan[]>();
  for (const d of world.deals) {
    if (!d.update) continue;
    const list = byOwner.get(d.ownerIdx) ?? [];
    list.push(d);
    byOwner.set(d.ownerIdx, list);
  }
  const reserved = [...world.reservedNames];
  const out: AeUpdate[] = [];
  for (const a of aeIndices(world.owners)) {
    const owner = world.owners[a]!;
    const deals = [...(byOwner.get(a) ?? [])];
    const mentions: Mention[] = [];
    for (const kind of roles.updates.get(a) ?? []) {
      if (kind === 'update_missing_deal') {
        const name = reserved.shift();
        if (name) mentions.push(missingDeal(name, rng));
        continue;
      }
      const i = deals.findIndex((d) => d.update === kind);
      if (i < 0) continue;
      const deal = deals.splice(i, 1)[0]!;
      const company = world.companies[deal.companyIdx]!;
      const name = alias(company.name, firstWords.get(company.name.split(' ')[0]!.toLowerCase()) === 1, rng);
      mentions.push(mentionFor(world, deal, kind, name, stats[deal.idx]!, lastByContact, rng));
    }
    rng.shuffle(mentions);
    const text = compose(
      owner.style ?? 'tidy',
      owner.firstName,
      world.owners[0]!.firstName,
      asOf,
      mentions.map((m) => m.text),
      rng,
    );
    const sentAt = Math.max(istDayStart(asOf), asOf - rng.float(20, 240) * MINUTE);
    out.push({ ownerId: owner.id, sentAt: iso(sentAt), text });
    for (const m of mentions) {
      plants.add({
        kind: m.kind,
        objectType: 'deal',
        objectId: m.deal?.id ?? null,
        ownerId: owner.id,
        mention: m.text,
        ...m.extra,
      });
    }
  }
  return out;
}

/** How a generated update names a company it has no deal for: its legal suffix dropped ("Vahan Freight"). */
export function missingDealName(company: string): string {
  return company.replace(/ (Pvt Ltd|Private Limited|Ltd|LLP|& Co)$/, '');
}

function missingDeal(name: string, rng: Rng): Mention {
  const product = rng.pick(PRODUCTS);
  const amount = roundAmount(rng.float(8, 60) * 100_000);
  const short = missingDealName(name);
  const text = rng.pick([
    `new one - ${short}, ${product}, ~${formatInr(amount, rng)}, demo done`,
    `${short}: new opp (${product}), demo done this wk, ~${formatInr(amount, rng)}`,
  ]);
  return {
    text,
    kind: 'update_missing_deal',
    deal: undefined,
    extra: { expected: { company: name, product, amount, stage: openStage(STAGE.demoDone) } },
  };
}

function mentionFor(
  world: World,
  deal: DealPlan,
  kind: UpdateKind,
  name: string,
  s: DealStats,
  lastByContact: Map<number, number>,
  rng: Rng,
): Mention {
  const { asOf } = world.cfg;
  const stage = deal.stageIndex;
  const crmStage = openStage(stage);
  const phrase = (i: number) => rng.pick(STAGE_PHRASES[i]!);
  const amount = deal.amount ? Number(deal.amount) : undefined;
  const close = deal.closeDate ? closeDateMs(deal.closeDate) : undefined;
  const contactFirst = world.contacts[deal.contacts[0]!]!.firstName;
  const mention = (text: string, expected: Record<string, JsonValue>): Mention => ({
    text,
    kind,
    deal,
    extra: { alias: name, expected },
  });
  switch (kind) {
    case 'update_stage_mismatch': {
      const claimed = Math.min(STAGE.negotiation, stage + rng.int(1, 2));
      return mention(`${name}: ${phrase(claimed)}, ${formatInr(amount!, rng)}`, {
        claimedStage: openStage(claimed),
        crmStage,
      });
    }
    case 'update_amount_mismatch': {
      const claimed = roundAmount(amount! * (rng.chance(0.6) ? rng.float(1.2, 1.6) : rng.float(0.6, 0.8)));
      return mention(`${name} - ${phrase(stage)}, ${formatInr(claimed, rng)}`, {
        claimedAmount: claimed,
        crmAmount: amount!,
      });
    }
    case 'update_close_date_mismatch': {
      const earlier = close! - asOf > 40 * DAY;
      const claimed = istDayStart(close! + (earlier ? -rng.float(21, 40) : rng.float(21, 45)) * DAY) + 6 * HOUR;
      return mention(`${name}: ${phrase(stage)}, PO by ${formatDay(claimed, rng)}`, {
        claimedCloseDate: istDate(claimed),
        crmCloseDate: istDate(close!),
      });
    }
    case 'update_unlogged_activity': {
      const when = earlierThisWeek(asOf, rng);
      const activity = rng.chance(0.6) ? 'meeting' : 'call';
      const what =
        activity === 'meeting'
          ? `F2F with ${contactFirst} ${when.phrase}`
          : `long call w/ ${contactFirst} ${when.phrase}`;
      return mention(`${name}: ${what}, ${phrase(stage)}`, { activity, date: istDate(when.ms), crmStage });
    }
    case 'update_lost_not_closed': {
      const text = rng.pick([
        `${name} dropped, no budget this FY`,
        `${name} - lost it, they are building in-house`,
        `${name} not going ahead, on hold till next yr`,
      ]);
      return mention(text, { claimedStage: 'closedlost', crmStage });
    }
    case 'update_stale_deal': {
      const last = Math.max(s.lastActivity, lastSmartleadMessage(world, deal.idx, lastByContact));
      const text = rng.pick([
        `${name}: still active, following up w/ procurement`,
        `${name} - in touch, decision soon`,
        `${name}: active, ${phrase(stage)}`,
      ]);
      return mention(text, { lastActivity: iso(last), daysSinceActivity: Math.floor((asOf - last) / DAY), crmStage });
    }
    default: {
      const parts = [`${name}: ${phrase(stage)}`];
      if (amount !== undefined) parts.push(formatInr(amount, rng));
      if (close !== undefined) parts.push(`closing by ${formatDay(close, rng)}`);
      const thisWeek = s.lastCallOrMeeting >= istWeekStart(asOf);
      if (thisWeek) parts.push('spoke this wk');
      const closeDate = close !== undefined ? istDate(close) : null;
      return mention(parts.join(', '), {
        stage: crmStage,
        amount: amount ?? null,
        closeDate,
        activityThisWeek: thisWeek,
      });
    }
  }
}

/** Lays the mentions out the way each kind of AE writes. */
function compose(style: string, first: string, manager: string, asOf: number, lines: string[], rng: Rng): string {
  const p = istParts(asOf);
  const weekEnding = `${p.day} ${monthName(p.month)}`;
  if (style === 'tidy') {
    return [
      `Weekly update - ${first} - w/e ${weekEnding}`,
      ...lines.map((l) => `- ${l}`),
      'Rest of the pipeline on track.',
    ].join('\n');
  }
  if (style === 'sparse') {
    const joined = lines.map((l, i) => (i > 0 && rng.chance(0.4) ? ` / ${l}` : i > 0 ? `. ${l}` : l)).join('');
    return `Hi ${manager}, quick update for this wk. ${joined}. thx`;
  }
  return ['updates this wk:', ...lines, 'rest of the pipe is in smartlead, will sync hubspot by mon'].join('\n');
}
