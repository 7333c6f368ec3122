/** --dry-run: each message written to <MIS_STATE_DIR>/outbox/ as .txt, .html and .slack.json; nothing is sent or recorded. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RenderedMessage {
  ownerId: string;
  day: string;
  audience: 'ae' | 'manager';
  subject: string;
  text: string;
  html: string;
  slack: unknown;
}

export function writeOutboxFiles(dir: string, m: RenderedMessage): string[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const base = join(dir, `${m.day}-${m.ownerId}-${m.audience}`);
  const files = [`${base}.txt`, `${base}.html`, `${base}.slack.json`];
  // Digests name deals and amounts: readable by the owner only, like the state folder they live in.
  writeFileSync(files[0]!, `Subject: ${m.subject}\n\n${m.text}\n`, { mode: 0o600 });
  writeFileSync(files[1]!, m.html, { mode: 0o600 });
  writeFileSync(files[2]!, `${JSON.stringify(m.slack, null, 2)}\n`, { mode: 0o600 });
  return files;
}
