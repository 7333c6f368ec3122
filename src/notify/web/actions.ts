/**
 * The one-tap actions as a plain node:http handler, mountable under a path prefix (default `/a/`). A GET never
 * changes anything (mail scanners and link previews open links): it renders a page, and every action is a button
 * on that page that POSTs.
 *   GET  /a/<token>   skip / ask_manager → a page with one button; update_stage / add_note → the quick-log page,
 *                     restating the deal's problems in words with the fields that fix them (fix-form.ts)
 *   GET  /a/<token>   accept_reminder → a page naming the task (subject, due day, deal) with one button
 *   POST /a/<token>   skip → records "Skip – not ready" and snoozes the item; ask_manager → records the ask;
 *                     accept_reminder → creates the HubSpot task through the audited write path, exactly once;
 *                     quick log → validates every field against the form, writes through the audited write path,
 *                     re-reads the deal through the sync path, re-runs its checks and says what really happened.
 * Every link is checked (signature, expiry, issued, unused). A refused form writes nothing and leaves the link
 * usable; a tap whose writes fail part way says exactly what was saved, and the link stays usable for a retry
 * (what was saved is not written again); the nudge counts as acted on only when the deal's findings cleared.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotifyLinksTable, type StateStore } from '../../state/index.js';
import { z } from 'zod';
import { createTaskChangeSchema, crmChangeSchema, type CrmChange } from '../../writes/index.js';
import {
  changesFromForm,
  changeWords,
  fixForm,
  FormRefused,
  humanDay,
  stillOpenWords,
  type DealView,
} from './fix-form.js';
import { consumeLink, LinkError, linkSecret, loadLink, verifyLink, type LinkClaims } from './links.js';
import { confirmPage, messagePage, quickLogPage } from './quick-log-page.js';
import { NotifyStore } from '../store.js';

/** The audited write path as the quick-log page needs it (src/writes' WriteService: propose → approve → apply). */
export interface QuickLogWriter {
  write(
    change: CrmChange,
    meta: {
      ownerId: string;
      nudgeId: string;
      /** Where the change comes from (default: the nudge); the same change from the same source is written once. */
      source?: string;
      /** Through what (default notify:quick-log). */
      tool?: string;
    },
  ): Promise<{ writeId: string; status: string }>;
}

/** What an accept_reminder link holds: the reminder's key and the HubSpot task it adds. */
export const reminderPayloadSchema = z.strictObject({ key: z.string().min(1), change: createTaskChangeSchema });
export type ReminderPayload = z.infer<typeof reminderPayloadSchema>;

function reminderOf(claims: LinkClaims): ReminderPayload {
  const parsed = claims.payload ? reminderPayloadSchema.safeParse(JSON.parse(claims.payload)) : null;
  if (!parsed?.success || parsed.data.change.dealId !== claims.dealId) throw new LinkError('malformed');
  return parsed.data;
}

export interface ActionsDeps {
  state: StateStore;
  prefix?: string;
  /** Wall clock for expiry and timestamps. */
  clock?: () => Date;
  /** Null: the quick-log page says writes are not connected and nothing is consumed. */
  writer: QuickLogWriter | null;
  /** The deal as the page shows it (name, stages, values, open findings), from the synced cache. */
  deal?: (dealId: string) => DealView | null;
  /** After the writes: re-read the deal through the sync path and re-run its checks. */
  recheck?: (dealId: string) => Promise<DealView | null>;
  skipSnoozeDays?: number;
}

const STATUS: Record<LinkError['problem'], number> = {
  malformed: 400,
  tampered: 403,
  unknown: 404,
  expired: 410,
  used: 410,
};
const MAX_BODY = 16_384;

interface LinkResult {
  action?: string;
  pending?: boolean;
  /** Hashes of the changes already applied through this link (a retry does not write them again). */
  applied?: string[];
  writes?: Array<{ writeId: string; status: string }>;
}

export function createActionsHandler(deps: ActionsDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const prefix = deps.prefix ?? '/a/';
  const clock = deps.clock ?? (() => new Date());
  const store = new NotifyStore(deps.state);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (!url.pathname.startsWith(prefix)) return false;
    const token = url.pathname.slice(prefix.length);
    void handle(req, res, token).catch((e: unknown) => {
      if (e instanceof LinkError)
        return send(
          res,
          STATUS[e.problem],
          messagePage('This link can’t be used', e.message.replace('link refused: ', 'Link ') + '.', e.hint),
        );
      send(
        res,
        500,
        messagePage(
          'Something went wrong',
          'Nothing was changed by this tap; the link still works.',
          (e as Error).message?.slice(0, 200),
        ),
      );
    });
    return true;
  };

  /** GET: the task in words and one button; POST: the task created through the audited write path, once. */
  async function reminder(
    req: IncomingMessage,
    res: ServerResponse,
    claims: LinkClaims,
    view: DealView | null,
    at: string,
  ): Promise<void> {
    const r = reminderOf(claims);
    const tz = view?.timezone ?? 'UTC';
    const on = view && !r.change.subject.includes(view.label) ? `, on ${view.label}` : '';
    const task = `“${r.change.subject}”, due ${humanDay(r.change.dueAt, tz, view?.today)}${on}`;
    if (req.method === 'GET' || req.method === 'HEAD')
      return send(
        res,
        200,
        confirmPage(
          'Add this follow-up to your tasks?',
          `${task}. It goes into your HubSpot task queue.`,
          'Add to my tasks',
        ),
      );
    if (req.method !== 'POST') return send(res, 405, messagePage('Not allowed', 'Open the link from your digest.'));
    if (!deps.writer)
      return send(
        res,
        503,
        messagePage(
          'Quick log is not connected',
          'Please add the task in HubSpot directly. The link still works later.',
        ),
      );
    // Claim the link first: a second or concurrent tap gets "already used" and creates nothing.
    consumeLink(deps.state, claims, at, { action: 'accept_reminder', pending: true });
    let w: { writeId: string; status: string };
    try {
      w = await deps.writer.write(r.change, {
        ownerId: claims.ownerId,
        nudgeId: claims.nudgeId,
        source: `reminder:${r.key}`,
        tool: 'notify:one-tap',
      });
    } catch (e) {
      release(deps.state, claims.id, { action: 'accept_reminder' });
      return send(
        res,
        502,
        messagePage(
          'Not added',
          `HubSpot did not take the task (${(e as Error).message?.slice(0, 160) ?? 'no answer'}). The link still works: try again.`,
        ),
      );
    }
    new NotifyLinksTable(deps.state).setResult(claims.id, JSON.stringify({ action: 'accept_reminder', writes: [w] }));
    return send(res, 200, messagePage('Added to your tasks', `${task}: it is in your HubSpot tasks now.`));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const now = clock();
    const id = verifyLink(linkSecret(deps.state), token);
    let claims: LinkClaims;
    try {
      claims = loadLink(deps.state, id, now.getTime());
    } catch (e) {
      // A second tap on a reminder already added says so in words (nothing more is created).
      if (e instanceof LinkError && e.problem === 'used' && usedReminder(deps.state, id))
        return send(
          res,
          410,
          messagePage(
            'Already in your tasks',
            'This follow-up was already added to your HubSpot tasks: nothing more was created.',
          ),
        );
      throw e;
    }
    const nudge = store.nudge(claims.nudgeId);
    if (!nudge) throw new LinkError('unknown');
    const at = now.toISOString();
    const view = deps.deal?.(claims.dealId) ?? null;
    const label = view?.label ?? `Deal ${claims.dealId}`;
    const skipDays = deps.skipSnoozeDays ?? 3;
    if (claims.action === 'accept_reminder') return reminder(req, res, claims, view, at);
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (claims.action === 'skip')
        return send(
          res,
          200,
          confirmPage(
            `Skip ${label}?`,
            `It comes off your list for ${skipDays} days and no one is chased about it meanwhile.`,
            'Skip – not ready',
          ),
        );
      if (claims.action === 'ask_manager')
        return send(
          res,
          200,
          confirmPage(
            'Ask your manager for help?',
            `Your manager sees ${label} on the next digest day, framed as support, not a scorecard.`,
            'Ask for help',
          ),
        );
      if (!deps.writer)
        return send(
          res,
          503,
          messagePage(
            'Quick log is not connected',
            'This sales-mis cannot write to HubSpot yet: please update the deal in HubSpot directly. The link still works later.',
          ),
        );
      if (!view)
        return send(
          res,
          404,
          messagePage(
            'Deal not found',
            `${label} is not in the synced data any more.`,
            'Update it in HubSpot directly.',
          ),
        );
      return send(res, 200, quickLogPage({ action: claims.action, view, form: fixForm(view, claims.action) }));
    }
    if (req.method !== 'POST') return send(res, 405, messagePage('Not allowed', 'Open the link from your digest.'));
    if (claims.action === 'skip') {
      consumeLink(deps.state, claims, at, { action: 'skip' });
      const until = recordSkip(store, claims.nudgeId, claims.ownerId, nudge.itemKey, now, skipDays);
      return send(
        res,
        200,
        messagePage(
          'Skipped for now',
          `Got it: ${label} is off your list until ${humanDay(until, view?.timezone ?? 'UTC')}. No one is chased about it meanwhile.`,
        ),
      );
    }
    if (claims.action === 'ask_manager') {
      consumeLink(deps.state, claims, at, { action: 'ask_manager' });
      store.recordResponse(claims.nudgeId, 'snoozed', at, { action: 'ask_manager', via: 'one_tap' });
      return send(
        res,
        200,
        messagePage(
          'Help requested',
          'Recorded: your manager will see these deals on the next digest day, framed as support, not a scorecard.',
        ),
      );
    }
    if (!deps.writer)
      return send(res, 503, messagePage('Quick log is not connected', 'Please update the deal in HubSpot directly.'));
    if (!view)
      return send(
        res,
        404,
        messagePage('Deal not found', `${label} is not in the synced data any more.`, 'Update it in HubSpot directly.'),
      );
    const form = fixForm(view, claims.action);
    const body = new URLSearchParams(await readBody(req));
    let changes: CrmChange[];
    try {
      changes = changesFromForm(view, form, body, at).map((c) => crmChangeSchema.parse(c));
    } catch (e) {
      if (!(e instanceof FormRefused)) throw e;
      return send(
        res,
        400,
        quickLogPage({
          action: claims.action,
          view,
          form,
          values: body,
          error: `Not saved: ${refusal(e)}. Nothing was written.`,
        }),
      );
    }
    if (changes.length === 0)
      return send(
        res,
        400,
        quickLogPage({
          action: claims.action,
          view,
          form,
          values: body,
          error: 'Nothing to save: fill in a field, then save.',
        }),
      );

    // Claim the link first so a double tap cannot write twice; a retry after a partial failure skips what applied.
    const prior = linkResult(deps.state, claims.id);
    consumeLink(deps.state, claims, at, { action: claims.action, pending: true, applied: prior.applied ?? [] });
    const applied = new Set(prior.applied ?? []);
    const writes: Array<{ writeId: string; status: string }> = [];
    const done: CrmChange[] = [];
    for (const c of changes) {
      const h = changeHash(c);
      if (applied.has(h)) {
        done.push(c);
        continue;
      }
      try {
        writes.push(await deps.writer.write(c, { ownerId: claims.ownerId, nudgeId: claims.nudgeId }));
      } catch (e) {
        // Give the link back with what did apply, so a retry finishes the rest without writing anything twice.
        release(deps.state, claims.id, { action: claims.action, applied: [...applied] });
        const failed = changeWords(view, c);
        const why = (e as Error).message?.slice(0, 200);
        if (done.length === 0)
          return send(
            res,
            502,
            quickLogPage({
              action: claims.action,
              view,
              form,
              values: body,
              error: `Nothing was saved: HubSpot refused ${failed}. The link still works: try again.`,
            }),
          );
        return send(
          res,
          502,
          messagePage(
            'Saved in part',
            `Saved ${list(done.map((d) => changeWords(view, d)))}; ${failed} was not saved (${why}). The link still works: open it again to finish — what was saved is not sent twice.`,
          ),
        );
      }
      applied.add(h);
      done.push(c);
    }
    const saved = list(done.map((d) => changeWords(view, d)));
    const after = deps.recheck ? await deps.recheck(claims.dealId) : null;
    // What the nudge was about: the findings the page showed. Acted on only when all of them cleared.
    const asked = new Set(view.findings.map((f) => f.check));
    const remaining = after ? after.findings.filter((f) => asked.has(f.check)) : null;
    const appeared = after ? after.findings.filter((f) => !asked.has(f.check)) : [];
    if (remaining !== null && remaining.length > 0) {
      // Saved, but the deal is not right yet: not counted as acted on, and the link stays usable to finish.
      release(deps.state, claims.id, { action: claims.action, applied: [...applied], writes });
      const open = list(remaining.map((f) => stillOpenWords(after!, f)));
      return send(
        res,
        200,
        messagePage('Saved to HubSpot', `Saved ${saved}; ${open}.`, 'This link still works: open it again to finish.'),
      );
    }
    store.recordResponse(claims.nudgeId, 'acted', at, {
      action: claims.action,
      via: 'quick_log',
      writes,
      cleared: remaining !== null,
    });
    new NotifyLinksTable(deps.state).setResult(
      claims.id,
      JSON.stringify({ action: claims.action, applied: [...applied], writes }),
    );
    if (remaining === null) return send(res, 200, messagePage('Saved to HubSpot', `Saved ${saved}.`));
    if (appeared.length === 0)
      return send(res, 200, messagePage('Saved to HubSpot', `Saved. ${label} is complete now.`));
    return send(
      res,
      200,
      messagePage(
        'Saved to HubSpot',
        `Saved: that is fixed on ${label}. One more thing: ${list(appeared.map((f) => stillOpenWords(after!, f)))}.`,
      ),
    );
  }
}

function usedReminder(state: StateStore, id: string): boolean {
  return new NotifyLinksTable(state).actionOf(id) === 'accept_reminder';
}

function refusal(e: FormRefused): string {
  const names: Record<string, string> = {
    closedate: 'the close date',
    amount: 'the amount',
    stage: 'the stage',
    outcome: 'the outcome',
    reason: 'the reason',
    next: 'the next step',
    nextDue: 'the due date',
    kind: 'the kind of activity',
    body: 'the text',
  };
  return `${names[e.field] ?? 'a field this form does not have'}: ${e.why}`;
}

function list(parts: string[]): string {
  const u = [...new Set(parts)];
  return u.length <= 1 ? (u[0] ?? '') : `${u.slice(0, -1).join(', ')} and ${u[u.length - 1]}`;
}

function changeHash(c: CrmChange): string {
  const norm = c.op === 'log_call' || c.op === 'log_meeting' ? { ...c, at: '' } : c;
  return createHash('sha256').update(JSON.stringify(norm)).digest('hex').slice(0, 16);
}

function linkResult(state: StateStore, id: string): LinkResult {
  const r = new NotifyLinksTable(state).resultOf(id);
  if (!r) return {};
  try {
    return JSON.parse(r) as LinkResult;
  } catch {
    return {};
  }
}

function release(state: StateStore, id: string, result: LinkResult): void {
  new NotifyLinksTable(state).release(id, JSON.stringify(result));
}

/** "Skip – not ready": a response (not an action) that takes the item off the digests for `days`. Returns the end. */
export function recordSkip(
  store: NotifyStore,
  nudgeId: string,
  ownerId: string,
  itemKey: string,
  now: Date,
  days: number,
): string {
  const at = now.toISOString();
  const until = new Date(now.getTime() + days * 86_400_000).toISOString();
  store.state.transaction(() => {
    store.recordResponse(nudgeId, 'skipped', at, { action: 'skip', via: 'one_tap' });
    store.snooze(ownerId, itemKey, until, 'not ready (Skip – Not Ready)', at);
  }, 'immediate');
  return until;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('form too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, html: string): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}
