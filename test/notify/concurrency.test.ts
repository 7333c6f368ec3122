/**
 * At most once under concurrency: several `mis notify` senders in separate processes, started together on one
 * state file, deliver every digest to a real SMTP receiver on 127.0.0.1 exactly once (the outbox claim is a
 * conditional UPDATE only one process wins). The receiver answers slowly so the senders' work overlaps.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/index.js';
import { startSmtp } from './receivers.js';

const CHILD = fileURLToPath(new URL('./concurrent-child.mjs', import.meta.url));
const SENDERS = 3;
const TRIALS = 3;

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp({ delayMs: 40 });
});
afterAll(async () => {
  await smtp.close();
});

interface Child {
  proc: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  done: Promise<{ status: number | null; stdout: string; stderr: string }>;
}

function sender(file: string): Child {
  const proc = spawn(process.execPath, [CHILD], {
    env: { PATH: process.env['PATH'], STATE: file, SMTP_PORT: String(smtp.port) },
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  proc.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    proc.on('close', (status) => resolve({ status, stdout: stdout.replace(/^ready\n/, ''), stderr })),
  );
  return { proc, ready, done };
}

describe(`${SENDERS} concurrent senders on one state file`, () => {
  it(`deliver every digest exactly once (${TRIALS} trials)`, async () => {
    const rows: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const file = join(mkdtempSync(join(tmpdir(), 'mis-concurrent-')), 'mis.db');
      new StateStore(file).close(); // the schema exists before the senders race
      const before = smtp.mails.length;
      const children = Array.from({ length: SENDERS }, () => sender(file));
      await Promise.all(children.map((c) => c.ready));
      for (const c of children) c.proc.stdin.end('go\n');
      const results = await Promise.all(children.map((c) => c.done));
      for (const r of results) expect(r.status, r.stderr).toBe(0);

      const state = new StateStore(file);
      const outbox = state.db.prepare('SELECT id, status FROM notify_outbox ORDER BY id').all() as Array<{
        id: string;
        status: string;
      }>;
      state.close();
      expect(outbox.length).toBeGreaterThanOrEqual(3);
      expect(outbox.every((r) => r.status === 'sent')).toBe(true);

      const got = smtp.mails.slice(before).map((m) => m.messageId!);
      const counts = new Map<string, number>();
      for (const id of got) counts.set(id, (counts.get(id) ?? 0) + 1);
      const duplicates = [...counts.values()].filter((n) => n > 1).length;
      expect(duplicates).toBe(0);
      expect([...counts.keys()].sort()).toEqual(outbox.map((r) => `<${r.id}@sales-mis>`));
      // Each message was sent by exactly one of the senders, and the senders' reports add up to the outbox.
      const sentBy = results.map((r) => (JSON.parse(r.stdout) as { sent: unknown[] }).sent.length);
      expect(sentBy.reduce((a, b) => a + b, 0)).toBe(outbox.length);
      rows.push(
        `trial ${trial + 1}: ${outbox.length} messages, ${got.length} received, ${duplicates} duplicates, sent per sender ${sentBy.join('/')}`,
      );
    }
    console.log(`concurrency (${SENDERS} senders):\n  ${rows.join('\n  ')}`);
  }, 180_000);
});
