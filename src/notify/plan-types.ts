/** What planning an AE's day reads (`PlanInput`) and decides (`Plan`): shared by plan.ts and its steps. */
import type { TeamConfig } from '../config/index.js';
import type { AssistDraft } from './content/assist-items.js';
import type { Digest, Person, Said } from './content/digest.js';
import type { WeekProgress, Wins } from './content/wins.js';
import type { Level } from './policy/ladder.js';
import type { ItemFacts } from './policy/priority.js';
import type { AeProfile, Channel } from './policy/profile.js';
import type { EvidenceFn, Responsiveness } from './policy/responsiveness.js';
import type { Policy } from './policy/rules.js';
import type { LinkClaims } from './web/links.js';

export type NotifyConfig = TeamConfig['notify'];

export interface PlanInput {
  /** 'Now' (ISO): the analysis asOf. */
  now: string;
  teamTimezone: string;
  currency: string;
  owner: Person;
  manager: Person | null;
  managerChannel: Channel;
  candidates: ReadonlyArray<ItemFacts>;
  said: ReadonlyMap<string, Said>;
  wins: Wins;
  week: WeekProgress;
  evidence: EvidenceFn;
  config: NotifyConfig;
  secret: Buffer;
  /** Preview (`mis digest`): ignore weekends, frequency, time of day and what was already sent today. */
  preview?: boolean;
  /** Wall clock (ms) for link expiry; default Date.now. */
  clock?: () => number;
  /** Next actions, tomorrow's meetings, overdue tasks and reminders for the AE's own digest (assist-items.ts). */
  assist?: AssistDraft;
}

export interface PlannedMessage {
  id: string;
  audience: 'ae' | 'manager';
  channel: Channel;
  digest: Digest;
}

export interface PlannedNudge {
  id: string;
  itemKey: string;
  dealId: string;
  level: Level;
  ladderDay: number;
  startedDay: string;
  channel: Channel | 'manager';
  managerNotified: boolean;
  outboxId: string;
  moneyAtRisk: number;
}

/** An open item with today's place on its ladder. */
export type RankedItem = ItemFacts & { level: Level; ladderDay: number };

/** A ladder episode that ends today, and why. */
export interface EpisodeClose {
  itemKey: string;
  reason: 'acted' | 'skipped' | 'resolved';
}

export interface Plan {
  ownerId: string;
  now: string;
  day: string;
  weekday: string;
  localTime: string;
  timezone: string;
  responsiveness: Responsiveness;
  profile: AeProfile;
  policy: Policy;
  due: boolean;
  /** Why there is (or is no) digest, in one line. */
  reason: string;
  /** Open items after snoozes and mutes, ranked, with today's level. */
  ranked: RankedItem[];
  messages: PlannedMessage[];
  nudges: PlannedNudge[];
  closes: EpisodeClose[];
  links: LinkClaims[];
}
