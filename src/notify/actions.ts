/**
 * The one-tap actions as a plain node:http handler, mountable under a path prefix (default `/a/`):
 *   GET  /a/<token>   skip → records "Skip – not ready" (a response, not an action) and snoozes the item;
 *                     ask_manager → records that the AE asked for help (the manager hears on the next digest day);
 *                     update_stage / add_note → the quick-log page (log a call/meeting/note, move the stage)
 *   POST /a/<token>   the quick-log form: writes through the audited write path, records the nudge as acted on
 * Every link is checked (signature, expiry, issued, unused) and works once. Returns false for other paths.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StateStore } from '../state/index.js';
import { crmChangeSchema, type CrmChange } from '../writes/index.js';
import { consumeLink, LinkError, linkSecret, loadLink, verifyLink, type LinkClaims } from './links.js';
import { messagePage, quickLogPage } from './quick-log-page.js';
import { NotifyStore } from './store.js';

/** The audited write path as the quick-log page needs it (src/writes' WriteService: propose → approve → apply). */
export interface QuickLogWriter {
  write(change: CrmChange, meta: { ownerId: string; nudgeId: string }): Promise<{ writeId: string; status: string }>;
}

export interface ActionsDeps {
  state: StateStore;
  prefix?: string;
  /** Wall clock for expiry and timestamps. */
  clock?: () => Date;
  /** Null: the quick-log page says writes are not connected and nothing is consumed. */
  writer: QuickLogWriter | null;
  /** The deal's name and its pipeline's open stages, for the page. */
  deal?: (dealId: string) => { label: string; stageId: string | null; stages: ReadonlyArray<{ id: string; label: string }> } | null;
  skipSnoozeDays?: number;
}

const STATUS: Record<LinkError['problem'], number> = { malformed: 400, tampered: 403, unknown: 404, expired: 410, used: 410 };
const MAX_BODY = 16_384;

export function createActionsHandler(deps: ActionsDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const prefix = deps.prefix ?? '/a/';
  const clock = deps.clock ?? (() => new Date());
  const store = new NotifyStore(deps.state);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (!url.pathname.startsWith(prefix)) return false;
    const token = url.pathname.slice(prefix.length);
    void handle(req, res, token).catch((e: unknown) => {
      if (e instanceof LinkError) return send(res, STATUS[e.problem], messagePage('This link can’t be used', e.message.replace('link refused: ', 'Link ') + '.', e.hint));
      send(res, 500, messagePage('Something went wrong', 'Nothing was changed by this tap.', (e as Error).message?.slice(0, 200)));
    });
    return true;
  };

  async function handle(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const now = clock();
    const claims = loadLink(deps.state, verifyLink(linkSecret(deps.state), token), now.getTime());
    const nudge = store.nudge(claims.nudgeId);
    if (!nudge) throw new LinkError('unknown');
    const at = now.toISOString();
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (claims.action === 'skip') {
        consumeLink(deps.state, claims, at, { action: 'skip' });
        const until = recordSkip(store, claims.nudgeId, claims.ownerId, nudge.itemKey, now, deps.skipSnoozeDays ?? 3);
        return send(res, 200, messagePage('Skipped for now', `Got it: this deal is off your list until ${until.slice(0, 10)}. No one is chased about it meanwhile.`));
      }
      if (claims.action === 'ask_manager') {
        consumeLink(deps.state, claims, at, { action: 'ask_manager' });
        store.recordResponse(claims.nudgeId, 'snoozed', at, { action: 'ask_manager', via: 'one_tap' });
        return send(res, 200, messagePage('Help requested', 'Recorded: your manager will see these deals on the next digest day, framed as support, not a scorecard.'));
      }
      if (!deps.writer) return send(res, 503, messagePage('Quick log is not connected', 'This sales-mis cannot write to HubSpot yet: please update the deal in HubSpot directly. The link still works later.'));
      const deal = deps.deal?.(claims.dealId) ?? null;
      return send(res, 200, quickLogPage({ action: claims.action, dealLabel: deal?.label ?? `Deal ${claims.dealId}`, stages: deal?.stages ?? [], currentStageId: deal?.stageId ?? null }));
    }
    if (req.method !== 'POST') return send(res, 405, messagePage('Not allowed', 'Open the link from your digest.'));
    if (claims.action !== 'update_stage' && claims.action !== 'add_note') return send(res, 405, messagePage('Not allowed', 'This link is a one-tap link: open it, there is no form.'));
    if (!deps.writer) return send(res, 503, messagePage('Quick log is not connected', 'Please update the deal in HubSpot directly.'));
    const form = new URLSearchParams(await readBody(req));
    const changes = changesFrom(claims, form, at);
    if (changes.length === 0) return send(res, 400, messagePage('Nothing to save', 'Write what happened, or pick a new stage, then save.'));
    // Claim the link first so a double tap cannot write twice; give it back if the write could not start.
    consumeLink(deps.state, claims, at, { action: claims.action, pending: true });
    const writes: Array<{ writeId: string; status: string }> = [];
    try {
      for (const c of changes) writes.push(await deps.writer.write(c, { ownerId: claims.ownerId, nudgeId: claims.nudgeId }));
    } catch (e) {
      if (writes.length === 0) deps.state.db.prepare('UPDATE notify_links SET used_at = NULL, result = NULL WHERE id = ?').run(claims.id);
      throw e;
    }
    store.recordResponse(claims.nudgeId, 'acted', at, { action: claims.action, via: 'quick_log', writes });
    deps.state.db.prepare('UPDATE notify_links SET result = ? WHERE id = ?').run(JSON.stringify({ action: claims.action, writes }), claims.id);
    return send(res, 200, messagePage('Saved to HubSpot', `${writes.length === 1 ? 'Your update was' : `${writes.length} updates were`} saved. That's one less thing on your list.`));
  }
}

/** "Skip – not ready": a response (not an action) that takes the item off the digests for `days`. Returns the end. */
export function recordSkip(store: NotifyStore, nudgeId: string, ownerId: string, itemKey: string, now: Date, days: number): string {
  const at = now.toISOString();
  const until = new Date(now.getTime() + days * 86_400_000).toISOString();
  store.db.transaction(() => {
    store.recordResponse(nudgeId, 'skipped', at, { action: 'skip', via: 'one_tap' });
    store.snooze(ownerId, itemKey, until, 'not ready (Skip – Not Ready)', at);
  })();
  return until;
}

/** The form → CrmChanges (validated with the shared schema). */
function changesFrom(claims: LinkClaims, form: URLSearchParams, at: string): CrmChange[] {
  const out: CrmChange[] = [];
  const body = (form.get('body') ?? '').trim().slice(0, 5000);
  const kind = form.get('kind');
  const stage = (form.get('stage') ?? '').trim();
  // Text the AE typed is always logged: as a call or meeting when chosen, else as a note (never dropped).
  if (body && kind !== 'call' && kind !== 'meeting') out.push({ op: 'add_note', dealId: claims.dealId, body });
  if (body && kind === 'call') out.push({ op: 'log_call', dealId: claims.dealId, at, body });
  if (body && kind === 'meeting') out.push({ op: 'log_meeting', dealId: claims.dealId, at, title: body.split('\n')[0]!.slice(0, 120), body });
  if (stage) out.push({ op: 'update_deal', dealId: claims.dealId, properties: { dealstage: stage } });
  return out.map((c) => crmChangeSchema.parse(c));
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
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
  res.end(html);
}
