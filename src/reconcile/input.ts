/**
 * Guards on the update itself, before anything is parsed or recorded: it must be text (UTF-8, no binary bytes),
 * not empty, and the size of an update rather than a document.
 */
import { createHash } from 'node:crypto';
import { UpdateInputError } from './errors.js';

/** A weekly update is a few hundred characters; anything past this is not one. */
export const MAX_UPDATE_CHARS = 20_000;

export function decodeUpdate(raw: Uint8Array | string, source = 'the update'): string {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else {
    if (raw.length > MAX_UPDATE_CHARS * 4) throw tooLong(source, raw.length, 'bytes');
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw new UpdateInputError(
        `${source} is not UTF-8 text (it looks binary)`,
        'Pass the update as plain text: paste the email or Slack message into a .txt file.',
      );
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // NUL and most C0 controls never occur in typed text.
  // eslint-disable-next-line no-control-regex -- counting control bytes is the point
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > 0)
    throw new UpdateInputError(
      `${source} contains binary bytes (${controls} control characters)`,
      'Pass the update as plain text: paste the email or Slack message into a .txt file.',
    );
  if (text.length > MAX_UPDATE_CHARS) throw tooLong(source, text.length, 'characters');
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  if (!trimmed)
    throw new UpdateInputError(
      `${source} is empty`,
      'Write (or paste) the AE\'s update into the file: one line per deal works best, e.g. "Forace grp: POC on, 15.2L, PO by 15th".',
    );
  return trimmed;
}

function tooLong(source: string, n: number, unit: string): UpdateInputError {
  return new UpdateInputError(
    `${source} is ${n.toLocaleString('en')} ${unit}; an update is at most ${MAX_UPDATE_CHARS.toLocaleString('en')} characters`,
    "Reconcile one AE's weekly update at a time (split a long thread into the updates it contains).",
  );
}

/** Same owner and same words ⇒ same update id, so a rerun is recognised (and proposes nothing already applied). */
export function updateIdOf(ownerId: string, text: string): string {
  const norm = text.replace(/\s+/g, ' ').trim().toLowerCase();
  return `upd_${createHash('sha256').update(`${ownerId}\n${norm}`).digest('hex').slice(0, 16)}`;
}
