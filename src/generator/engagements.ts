/**
 * Logged activity (calls, emails, meetings, notes, tasks) for every deal, in each AE's style: a burst around each
 * stage change that thins out while the deal sits in a stage. Open deals get a next step in the future (a task or a
 * scheduled meeting) and recent activity, unless their role says otherwise. Nothing is dated after asOf except
 * scheduled meetings and open tasks.
 */
import type { EngagementType } from '../dataset/index.js';
import {
  COPY,
  MISMATCH_EMAIL,
  MISMATCH_MEETING,
  competitorNote,
  type CopyContext,
  type StageCopy,
  type StageKey,
} from './copy.js';
import type { DealPlan, EngagementDraft, Style, World } from './model.js';
import { COMPETITORS } from './names.js';
import { CLOSED_LOST, CLOSED_WON, OPEN_STAGES, RENEWAL_LOST, RENEWAL_WON, STAGE } from './pipeline.js';
import type { Rng } from './random.js';
import { DAY, HOUR, MINUTE, istDayStart, istWeekStart, iso, nextWorkMoment, workTime } from './time.js';

type Pair = readonly [(c: CopyContext) => string, (c: CopyContext) => string];

const STYLE: Record<Style, { interval: number; mix: ReadonlyArray<readonly [EngagementType, number]> }> = {
  tidy: {
    interval: 2.5,
    mix: [
      ['calls', 0.28],
      ['emails', 0.32],
      ['meetings', 0.1],
      ['notes', 0.18],
      ['tasks', 0.12],
    ],
  },
  sparse: {
    interval: 2.8,
    mix: [
      ['calls', 0.05],
      ['emails', 0.55],
      ['meetings', 0.15],
      ['notes', 0.02],
      ['tasks', 0.23],
    ],
  },
  smartlead: {
    interval: 15,
    mix: [
      ['calls', 0.1],
      ['meetings', 0.3],
      ['notes', 0.14],
      ['tasks', 0.46],
    ],
  },
};

/** The activity that moves a deal into a stage. */
const ENTRY: Record<StageKey, EngagementType> = {
  discovery: 'calls',
  demo: 'meetings',
  poc: 'meetings',
  proposal: 'emails',
  shortlisted: 'meetings',
  negotiation: 'emails',
  won: 'emails',
  lost: 'notes',
  renewal: 'emails',
  renewalWon: 'emails',
  renewalLost: 'notes',
};

const HUBS = [
  'Bhiwandi hub',
  'Chakan plant',
  'Manesar warehouse',
  'Hosur plant',
  'Sanand DC',
  'Nagpur DC',
  'Sriperumbudur plant',
  'Kolkata depot',
];
const LANES = [
  'Pune-Chennai',
  'Delhi-Mumbai',
  'Ahmedabad-Bengaluru',
  'Nagpur-Hyderabad',
  'Kolkata-Guwahati',
  'Ludhiana-Delhi',
  'Chennai-Coimbatore',
];

export interface EngagementResult {
  /** The engagement that carries a planted problem (stage mismatch, competitor note), by deal index. */
  evidence: Map<number, EngagementDraft>;
}

function stageKeyOf(stage: string): StageKey {
  switch (stage) {
    case CLOSED_WON:
      return 'won';
    case CLOSED_LOST:
      return 'lost';
    case RENEWAL_WON:
      return 'renewalWon';
    case RENEWAL_LOST:
      return 'renewalLost';
    case 'renewal_open':
      return 'renewal';
    default: {
      const keys: StageKey[] = ['discovery', 'demo', 'poc', 'proposal', 'shortlisted', 'negotiation'];
      return keys[OPEN_STAGES.indexOf(stage as (typeof OPEN_STAGES)[number])] ?? 'discovery';
    }
  }
}

export function buildEngagements(world: World, writer: Writer, rng: Rng): EngagementResult {
  const evidence = new Map<number, EngagementDraft>();
  const mismatchVias = ['email', 'meeting', 'smartlead_reply'] as const;
  let mismatches = 0;
  for (const deal of world.deals) {
    if (deal.plant === 'stage_mismatch') deal.variant = mismatchVias[mismatches++ % mismatchVias.length];
    const found = new DealActivity(world, writer, deal, rng).run();
    if (found) evidence.set(deal.idx, found);
  }
  return { evidence };
}

/** Turns (type, time, copy) into an engagement draft with HubSpot's properties. */
export class Writer {
  private seq = 0;
  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {}

  add(draft: Omit<EngagementDraft, 'id' | 'seq' | 'props'>, props: Record<string, string>): EngagementDraft {
    const owner = draft.ownerIdx === null ? undefined : this.world.owners[draft.ownerIdx];
    const full: EngagementDraft = {
      ...draft,
      id: '',
      seq: this.seq++,
      props: {
        hs_timestamp: iso(draft.at),
        ...props,
        ...(owner ? { hubspot_owner_id: owner.id } : {}),
        hs_createdate: iso(draft.createdAt),
        hs_lastmodifieddate: iso(draft.modifiedAt),
      },
    };
    this.world.engagements.push(full);
    return full;
  }

  get random(): Rng {
    return this.rng;
  }
}

class DealActivity {
  private readonly mine: EngagementDraft[] = [];
  private readonly limit: number;
  /** The SmartLead-first AE often stops logging in HubSpot weeks before asOf while the deal lives on in SmartLead. */
  private readonly hubspotLimit: number;
  private readonly style: Style;
  private readonly base: CopyContext;
  private readonly noCallsFrom: number;

  constructor(
    private readonly world: World,
    private readonly writer: Writer,
    private readonly deal: DealPlan,
    private readonly rng: Rng,
  ) {
    const { asOf } = world.cfg;
    this.limit = Math.min(asOf, deal.quietFrom ?? asOf);
    this.style = world.owners[deal.ownerIdx]!.style ?? 'tidy';
    const quietInHubspot =
      this.style === 'smartlead' && deal.outcome === 'open' && deal.quietFrom === undefined && rng.chance(0.6);
    this.hubspotLimit = quietInHubspot ? asOf - rng.float(22, 50) * DAY : this.limit;
    const company = world.companies[deal.companyIdx]!;
    this.base = {
      company: company.name,
      first: world.contacts[deal.contacts[0]!]!.firstName,
      product: deal.product,
      city: company.city,
      owner: world.owners[deal.ownerIdx]!.firstName,
      n: rng.int(2, 40) * 10,
      hub: rng.pick(HUBS),
      lane: rng.pick(LANES),
    };
    this.noCallsFrom = deal.update === 'update_unlogged_activity' ? istWeekStart(asOf) - 2 * DAY : Infinity;
  }

  /** Returns the planted evidence engagement, if the deal's role has one. */
  run(): EngagementDraft | undefined {
    const { deal } = this;
    const end = deal.outcome === 'open' ? this.limit : deal.closedAt!;
    deal.stages.forEach((point, i) => {
      const key = stageKeyOf(point.value);
      const until = deal.stages[i + 1]?.at ?? end;
      if (key === 'won' || key === 'lost' || key === 'renewalWon' || key === 'renewalLost') {
        const at = nextWorkMoment(this.rng, point.at + this.rng.float(0.5, 6) * HOUR);
        this.log(ENTRY[key], at, key, { entry: true });
        if (this.style === 'tidy' && key === 'won') this.log('notes', at + this.rng.float(10, 90) * MINUTE, key);
        return;
      }
      // The activity that moved the deal happens on the day of the move, a little before it.
      const entryAt =
        i === 0
          ? nextWorkMoment(this.rng, point.at + this.rng.float(0.2, 6) * HOUR)
          : Math.max(istDayStart(point.at) + 9.5 * HOUR, point.at - this.rng.float(0.3, 3) * HOUR);
      if (this.style !== 'smartlead' || this.rng.chance(0.5)) this.log(ENTRY[key], entryAt, key, { entry: true });
      const interval = STYLE[this.style].interval;
      let t = Math.max(point.at, entryAt) + interval * this.rng.float(0.5, 1) * DAY;
      for (let k = 0; t < until - 0.5 * DAY; k++) {
        this.log(this.rng.weighted(STYLE[this.style].mix), workTime(this.rng, t), key);
        t += interval * (1 + 0.3 * k) * this.rng.float(0.6, 1.4) * DAY;
      }
    });
    if (deal.outcome !== 'open') return undefined;
    const evidence = this.plantEvidence();
    this.keepRecent();
    this.noteInLateStage();
    this.nextActivity();
    return evidence;
  }

  private get currentKey(): StageKey {
    return stageKeyOf(this.deal.stages[this.deal.stages.length - 1]!.value);
  }

  /** The style and the deal's role decide what actually gets logged. */
  private adjustType(type: EngagementType, at: number): EngagementType {
    let t = type;
    if (this.style === 'smartlead' && t === 'emails') t = 'tasks';
    if (this.style === 'sparse' && t === 'calls' && !this.rng.chance(0.3)) t = 'emails';
    if (this.style === 'sparse' && t === 'notes') t = 'emails';
    if (this.deal.plant === 'missing_notes' && t === 'notes') t = this.style === 'smartlead' ? 'tasks' : 'emails';
    if ((t === 'calls' || t === 'meetings') && at >= this.noCallsFrom)
      t = this.style === 'smartlead' ? 'tasks' : 'emails';
    return t;
  }

  private log(
    type: EngagementType,
    at: number,
    key: StageKey,
    opts: { entry?: boolean; pair?: Pair; direction?: string; force?: boolean } = {},
  ): EngagementDraft | undefined {
    const limit = opts.force ? this.limit : this.hubspotLimit;
    if (at > limit - 10 * MINUTE || at < this.deal.createdAt - DAY) return undefined;
    const t = opts.pair ? type : this.adjustType(type, at);
    const copy = COPY[key];
    const contacts = this.pickContacts(t === 'meetings');
    const ctx = { ...this.base, first: this.world.contacts[contacts[0]!]!.firstName };
    const skipFirst = !opts.entry && t === ENTRY[key];
    const draft = writeEngagement(this.writer, t, at, this.limit, this.deal, contacts, ctx, copy, {
      ...opts,
      skipFirst,
    });
    if (draft) this.mine.push(draft);
    return draft;
  }

  private pickContacts(meeting: boolean): number[] {
    const all = this.deal.contacts;
    if (all.length === 1) return [all[0]!];
    const primary = this.rng.chance(0.6) ? all[0]! : this.rng.pick(all);
    if (meeting && this.rng.chance(0.5)) {
      const other = all.find((c) => c !== primary)!;
      return [primary, other];
    }
    return [primary];
  }

  private lastPast(): number {
    let last = -Infinity;
    for (const e of this.mine) if (e.at <= this.world.cfg.asOf && e.at > last) last = e.at;
    return last;
  }

  private plantEvidence(): EngagementDraft | undefined {
    const { deal, rng } = this;
    const { asOf } = this.world.cfg;
    const stageAt = deal.stages[deal.stages.length - 1]!.at;
    const recent = () => workTimeBefore(rng, Math.max(stageAt + HOUR, asOf - rng.float(2, 9) * DAY), asOf - HOUR);
    if (deal.plant === 'competitor_mentioned') {
      const competitor = COMPETITORS[deal.idx % COMPETITORS.length]!;
      deal.variant = competitor;
      const body = competitorNote(this.base, competitor, deal.stageIndex <= STAGE.poc);
      return this.log('notes', recent(), this.currentKey, { pair: [() => '', () => body], force: true });
    }
    if (deal.plant === 'stage_mismatch') {
      if (deal.variant === 'email')
        return this.log('emails', recent(), this.currentKey, { pair: MISMATCH_EMAIL, direction: 'EMAIL', force: true });
      if (deal.variant === 'meeting')
        return this.log('meetings', recent(), this.currentKey, { pair: MISMATCH_MEETING, force: true });
    }
    return undefined;
  }

  /** Tidy and sparse AEs touch every live deal at least every ~12 days (the SmartLead-first AE works from SmartLead). */
  private keepRecent(): void {
    const { asOf } = this.world.cfg;
    if (this.deal.quietFrom !== undefined || this.style === 'smartlead') return;
    if (this.lastPast() >= asOf - 12 * DAY) return;
    const at = workTimeBefore(this.rng, asOf - this.rng.float(2, 10) * DAY, asOf - HOUR);
    this.log(this.rng.chance(0.6) ? 'emails' : 'calls', at, this.currentKey);
  }

  /** Deals in Shortlisted or Negotiation carry a note from that stage, except the planted ones. */
  private noteInLateStage(): void {
    const { deal } = this;
    if (deal.pipeline !== 'default' || deal.stageIndex < STAGE.shortlisted || deal.plant === 'missing_notes') return;
    const stageAt = deal.stages[deal.stages.length - 1]!.at;
    if (this.mine.some((e) => e.type === 'notes' && e.at >= stageAt)) return;
    const until = this.hubspotLimit > stageAt + 2 * HOUR ? this.hubspotLimit : this.limit;
    const raw = stageAt + this.rng.float(0.2, 0.9) * (until - HOUR - stageAt);
    const moved = nextWorkMoment(this.rng, raw);
    const at = moved < until - HOUR ? moved : raw;
    this.log('notes', at, this.currentKey, {
      pair: [() => '', (c) => this.rng.pick(COPY[this.currentKey].notes)(c)],
      force: true,
    });
  }

  private nextActivity(): void {
    const { deal, rng } = this;
    const { asOf } = this.world.cfg;
    if (deal.plant === 'no_next_activity') return;
    const key = this.currentKey;
    const contacts = this.pickContacts(false);
    const ctx = { ...this.base, first: this.world.contacts[contacts[0]!]!.firstName };
    const pair = rng.pick(COPY[key].next);
    if (deal.quietFrom !== undefined) {
      // A parked deal: the AE set a reminder weeks out, then went quiet.
      const createdAt = Math.max(deal.createdAt, deal.quietFrom - rng.float(2, 5) * DAY);
      this.mine.push(
        futureTask(this.writer, deal, contacts, ctx, pair, workTime(rng, asOf + rng.float(20, 60) * DAY), createdAt),
      );
      return;
    }
    const createdAt = Math.max(deal.createdAt, asOf - rng.float(0.1, 6) * DAY);
    const meeting = this.style !== 'smartlead' && deal.update !== 'update_unlogged_activity' && rng.chance(0.35);
    if (meeting) {
      const start = workTime(rng, asOf + rng.float(1, 10) * DAY);
      const draft = meetingDraft(this.writer, deal, contacts, ctx, pair, start, createdAt, createdAt, 'SCHEDULED');
      this.mine.push(draft);
    } else {
      this.mine.push(
        futureTask(this.writer, deal, contacts, ctx, pair, workTime(rng, asOf + rng.float(1, 14) * DAY), createdAt),
      );
    }
  }
}

/** A working-hours moment near `at`, never after `latest`. */
function workTimeBefore(rng: Rng, at: number, latest: number): number {
  const t = workTime(rng, at);
  return t <= latest ? t : Math.min(at, latest);
}

function writeEngagement(
  writer: Writer,
  type: EngagementType,
  at: number,
  limit: number,
  deal: DealPlan,
  contacts: number[],
  ctx: CopyContext,
  copy: StageCopy,
  opts: { entry?: boolean; pair?: Pair; direction?: string; skipFirst?: boolean },
): EngagementDraft | undefined {
  const rng = writer.random;
  const capped = (t: number) => Math.max(at, Math.min(t, limit));
  const base = { at, ownerIdx: deal.ownerIdx, dealIdx: deal.idx, contactIdxs: contacts, companyIdx: deal.companyIdx };
  // Follow-ups skip the stage's opening template so the "Proposal - ..." email is not sent twice.
  const choose = (list: readonly Pair[], fallback: readonly Pair[]): Pair | undefined =>
    opts.pair ??
    (list.length > 0
      ? opts.entry
        ? list[0]
        : rng.pick(opts.skipFirst && list.length > 1 ? list.slice(1) : list)
      : fallback.length > 0
        ? rng.pick(fallback)
        : undefined);
  switch (type) {
    case 'calls': {
      const pair = choose(copy.calls, COPY.discovery.calls.slice(-2));
      if (!pair) return undefined;
      const body = pair[1](ctx);
      const duration = body.startsWith('No answer') ? rng.int(20, 50) * 1000 : rng.int(3, 25) * MINUTE;
      const createdAt = capped(at + duration + rng.float(1, 60) * MINUTE);
      return writer.add(
        { ...base, type, createdAt, modifiedAt: createdAt },
        {
          hs_call_title: pair[0](ctx),
          hs_call_body: body,
          hs_call_direction: rng.chance(0.85) ? 'OUTBOUND' : 'INBOUND',
          hs_call_duration: String(duration),
          hs_call_status: 'COMPLETED',
        },
      );
    }
    case 'emails': {
      const incoming = opts.direction
        ? opts.direction === 'INCOMING_EMAIL'
        : opts.entry
          ? deal.stages.length > 0 && copy === COPY.won
          : rng.chance(0.35);
      const pair = choose(incoming ? copy.emailsIn : copy.emailsOut, incoming ? copy.emailsOut : copy.emailsIn);
      if (!pair) return undefined;
      const createdAt = capped(at + rng.float(0.5, 10) * MINUTE);
      return writer.add(
        { ...base, type, createdAt, modifiedAt: createdAt },
        {
          hs_email_subject: pair[0](ctx),
          hs_email_text: pair[1](ctx),
          hs_email_direction: incoming ? 'INCOMING_EMAIL' : 'EMAIL',
          hs_email_status: 'SENT',
        },
      );
    }
    case 'meetings': {
      const pair = choose(copy.meetings, copy.calls);
      if (!pair) return undefined;
      const createdAt = Math.min(at, Math.max(at - rng.float(1, 6) * DAY, deal.createdAt - 3 * DAY));
      const outcome = rng.weighted([
        ['COMPLETED', 0.86],
        ['NO_SHOW', 0.04],
        ['RESCHEDULED', 0.04],
        ['CANCELED', 0.06],
      ] as const);
      return meetingDraft(
        writer,
        deal,
        contacts,
        ctx,
        pair,
        at,
        createdAt,
        limit,
        opts.pair || opts.entry ? 'COMPLETED' : outcome,
      );
    }
    case 'notes': {
      const body = opts.pair ? opts.pair[1](ctx) : copy.notes.length > 0 ? rng.pick(copy.notes)(ctx) : undefined;
      if (!body) return undefined;
      const createdAt = capped(at + rng.float(0, 30) * MINUTE);
      return writer.add({ ...base, type, createdAt, modifiedAt: createdAt }, { hs_note_body: body });
    }
    case 'tasks': {
      const pair = choose(copy.tasks, COPY.discovery.tasks.slice(-2));
      if (!pair) return undefined;
      const createdAt = Math.min(at, Math.max(at - rng.float(1, 5) * DAY, deal.createdAt));
      const done = Math.max(createdAt, Math.min(at + rng.float(-0.5, 0.3) * DAY, limit));
      return writer.add(
        { ...base, type, createdAt, modifiedAt: done },
        {
          hs_task_subject: pair[0](ctx),
          hs_task_body: pair[1](ctx),
          hs_task_status: 'COMPLETED',
          hs_task_priority: taskPriority(rng),
          hs_task_type: rng.weighted([
            ['TODO', 0.4],
            ['CALL', 0.3],
            ['EMAIL', 0.3],
          ] as const),
          hs_task_completion_date: iso(done),
        },
      );
    }
  }
}

function taskPriority(rng: Rng): string {
  return rng.weighted([
    ['MEDIUM', 0.5],
    ['HIGH', 0.25],
    ['LOW', 0.25],
  ] as const);
}

function meetingDraft(
  writer: Writer,
  deal: DealPlan,
  contacts: number[],
  ctx: CopyContext,
  pair: Pair,
  start: number,
  createdAt: number,
  limit: number,
  outcome: string,
): EngagementDraft {
  const rng = writer.random;
  const end = start + rng.pick([30, 45, 60]) * MINUTE;
  const modifiedAt =
    outcome === 'SCHEDULED' ? createdAt : Math.max(createdAt, Math.min(end + rng.float(0.5, 20) * HOUR, limit));
  return writer.add(
    {
      type: 'meetings',
      at: start,
      createdAt,
      modifiedAt,
      ownerIdx: deal.ownerIdx,
      dealIdx: deal.idx,
      contactIdxs: contacts,
      companyIdx: deal.companyIdx,
    },
    {
      hs_meeting_title: pair[0](ctx),
      hs_meeting_body: pair[1](ctx),
      hs_meeting_start_time: iso(start),
      hs_meeting_end_time: iso(end),
      hs_meeting_outcome: outcome,
      hs_meeting_location: rng.weighted([
        ['Google Meet', 0.45],
        ['Zoom', 0.2],
        [`Client office, ${ctx.city}`, 0.35],
      ] as const),
    },
  );
}

function futureTask(
  writer: Writer,
  deal: DealPlan,
  contacts: number[],
  ctx: CopyContext,
  pair: Pair,
  due: number,
  createdAt: number,
): EngagementDraft {
  const rng = writer.random;
  return writer.add(
    {
      type: 'tasks',
      at: due,
      createdAt,
      modifiedAt: createdAt,
      ownerIdx: deal.ownerIdx,
      dealIdx: deal.idx,
      contactIdxs: contacts,
      companyIdx: deal.companyIdx,
    },
    {
      hs_task_subject: pair[0](ctx),
      hs_task_body: pair[1](ctx),
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: taskPriority(rng),
      hs_task_type: rng.weighted([
        ['CALL', 0.4],
        ['EMAIL', 0.3],
        ['TODO', 0.3],
      ] as const),
    },
  );
}
