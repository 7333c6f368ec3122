/**
 * Notification state in the state store (mis.db): profiles, nudges and responses, ladder episodes, snoozes and
 * mutes, the outbox. The tables are src/state's; this is the view the planner, the runner and the one-tap pages use.
 */
import {
  AeProfilesTable,
  NotifyEpisodesTable,
  NotifyOutboxTable,
  NotifySuppressionsTable,
  NudgesTable,
  type EpisodeRow,
  type StateStore,
  type SuppressionRow,
} from '../state/index.js';
import { aeProfileSchema, defaultProfile, type AeProfile } from './policy/profile.js';
import type { NudgeResponse, SentNudge } from './policy/responsiveness.js';

export type { EpisodeRow, SuppressionRow };

export interface NudgeRow extends SentNudge {
  ownerId: string;
  level: number;
  channel: string;
  status: string;
}

export type ResponseKind = NudgeResponse['kind'];

export class NotifyStore {
  /** The durable outbox (src/notify/delivery/outbox.ts sends from it). */
  readonly outbox: NotifyOutboxTable;
  readonly nudges: NudgesTable;
  private readonly profiles: AeProfilesTable;
  private readonly episodes: NotifyEpisodesTable;
  private readonly suppressions: NotifySuppressionsTable;

  constructor(readonly state: StateStore) {
    this.outbox = new NotifyOutboxTable(state);
    this.nudges = new NudgesTable(state);
    this.profiles = new AeProfilesTable(state);
    this.episodes = new NotifyEpisodesTable(state);
    this.suppressions = new NotifySuppressionsTable(state);
  }

  // ---------------------------------------------------------------- profiles

  profile(ownerId: string): AeProfile {
    if (!this.profiles.has(ownerId)) return defaultProfile(ownerId);
    const parsed = aeProfileSchema.safeParse({ ...defaultProfile(ownerId), ...this.rawProfile(ownerId), ownerId });
    return parsed.success ? parsed.data : defaultProfile(ownerId);
  }

  /** The stored JSON as is: fields this version does not know (older or newer) are kept on save. */
  private rawProfile(ownerId: string): Record<string, unknown> {
    const json = this.profiles.json(ownerId);
    if (json === undefined) return {};
    try {
      const v = JSON.parse(json) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  /** When the stored profile was last saved; null: none stored (the defaults apply). */
  profileUpdatedAt(ownerId: string): string | null {
    return this.profiles.updatedAt(ownerId);
  }

  hasProfile(ownerId: string): boolean {
    return this.profiles.has(ownerId);
  }

  saveProfile(p: AeProfile, at: string): void {
    this.profiles.save(p.ownerId, JSON.stringify({ ...this.rawProfile(p.ownerId), ...aeProfileSchema.parse(p) }), at);
  }

  // ---------------------------------------------------------------- nudges and responses

  /** Nudges delivered (status sent), oldest first. */
  sentNudges(ownerId: string, sinceDay: string): NudgeRow[] {
    return this.nudges.sent(ownerId, sinceDay);
  }

  /** Nudges recorded for the day (dry-run previews, whose links work but which were never sent, left out). */
  nudgesOn(ownerId: string, day: string): NudgeRow[] {
    return this.nudges.on(ownerId, day);
  }

  nudge(id: string): NudgeRow | null {
    return this.nudges.byId(id);
  }

  responses(ownerId: string, sinceDay: string): NudgeResponse[] {
    return this.nudges.responses(ownerId, sinceDay);
  }

  recordResponse(nudgeId: string, kind: ResponseKind, at: string, detail: unknown): void {
    this.nudges.addResponse(nudgeId, kind, at, detail === undefined ? null : JSON.stringify(detail));
  }

  // ---------------------------------------------------------------- episodes

  openEpisodes(ownerId: string): EpisodeRow[] {
    return this.episodes.open(ownerId);
  }

  closeEpisode(ownerId: string, itemKey: string, day: string, reason: string): void {
    this.episodes.close(ownerId, itemKey, day, reason);
  }

  touchEpisode(
    ownerId: string,
    itemKey: string,
    startedDay: string,
    day: string,
    level: number,
    managerNotified: boolean,
  ): void {
    this.episodes.touch(ownerId, itemKey, startedDay, day, level, managerNotified);
  }

  // ---------------------------------------------------------------- snoozes and mutes

  /** Snoozes not yet expired at `now`, and every mute not removed. */
  activeSuppressions(ownerId: string, now: string): SuppressionRow[] {
    return this.suppressions.active(ownerId, now);
  }

  snooze(ownerId: string, itemKey: string, until: string, reason: string | null, at: string): void {
    this.suppressions.snooze(ownerId, itemKey, until, reason, at);
  }

  mute(ownerId: string, itemKey: string, checkName: string, reason: string | null, at: string): void {
    this.suppressions.mute(ownerId, itemKey, checkName, reason, at);
  }

  /** Lift snoozes and mutes on an item (all, or the mute of one check); returns how many. */
  unsuppress(ownerId: string, itemKey: string, checkName: string | null, at: string): number {
    return this.suppressions.lift(ownerId, itemKey, checkName, at);
  }
}
