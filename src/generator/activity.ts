/**
 * Per-deal facts derived from the logged engagements, as HubSpot's calculated deal properties would show them
 * (last activity, last contacted, next activity, counts). Used for those properties and for plant details.
 */
import type { World } from './model.js';

export interface DealStats {
  /** Latest logged engagement at or before asOf (-Infinity if none). */
  lastActivity: number;
  /** Latest call, email or completed meeting at or before asOf. */
  lastContacted: number;
  /** Latest completed call or meeting at or before asOf. */
  lastCallOrMeeting: number;
  /** Earliest open task or scheduled meeting after asOf (Infinity if none). */
  nextActivity: number;
  /** Latest moment any engagement of the deal was created or modified (capped at asOf). */
  lastTouched: number;
  count: number;
  contacted: number;
  notes: number;
}

export function summarizeDeals(world: World): DealStats[] {
  const { asOf } = world.cfg;
  const stats: DealStats[] = world.deals.map(() => ({
    lastActivity: -Infinity,
    lastContacted: -Infinity,
    lastCallOrMeeting: -Infinity,
    nextActivity: Infinity,
    lastTouched: -Infinity,
    count: 0,
    contacted: 0,
    notes: 0,
  }));
  for (const e of world.engagements) {
    if (e.dealIdx === null) continue;
    const s = stats[e.dealIdx]!;
    s.lastTouched = Math.max(s.lastTouched, Math.min(asOf, e.modifiedAt));
    const open =
      (e.type === 'tasks' && e.props['hs_task_status'] === 'NOT_STARTED') ||
      (e.type === 'meetings' && e.props['hs_meeting_outcome'] === 'SCHEDULED');
    if (open) {
      if (e.at > asOf) s.nextActivity = Math.min(s.nextActivity, e.at);
      continue;
    }
    if (e.at > asOf) continue;
    s.count++;
    s.lastActivity = Math.max(s.lastActivity, e.at);
    if (e.type === 'notes') s.notes++;
    const completedMeeting = e.type === 'meetings' && e.props['hs_meeting_outcome'] === 'COMPLETED';
    if (e.type === 'calls' || e.type === 'emails' || completedMeeting) {
      s.contacted++;
      s.lastContacted = Math.max(s.lastContacted, e.at);
    }
    if (e.type === 'calls' || completedMeeting) s.lastCallOrMeeting = Math.max(s.lastCallOrMeeting, e.at);
  }
  return stats;
}
