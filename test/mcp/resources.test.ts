/** Workflows as resources mis://workflows/<name> and prompts as MCP prompts, read from their folders at start. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectInMemory, type McpSession } from '../../src/mcp/index.js';
import { fixture } from '../support/fixtures.js';
import { sessionOf } from './support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const mdNames = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
    .map((f) => f.slice(0, -3))
    .sort();

let session: McpSession;
beforeAll(async () => {
  session = await sessionOf(fixture({ deals: 8 }));
});
afterAll(() => session.state.close());

describe('from folders with files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mis-mcp-res-'));
    mkdirSync(join(dir, 'workflows'));
    mkdirSync(join(dir, 'prompts'));
    writeFileSync(
      join(dir, 'workflows', 'daily-check.md'),
      '---\nname: daily-check\ndescription: The daily check.\n---\nRun mis_run_checks.\n',
    );
    writeFileSync(join(dir, 'workflows', 'README.md'), 'not a workflow');
    writeFileSync(
      join(dir, 'prompts', 'reconcile.md'),
      '---\ndescription: Reconcile an update.\narguments:\n  - name: owner\n    description: the AE\n    required: true\n  - name: update\n    description: the text\n---\nReconcile the update from {{owner}}:\n<update>\n{{ update }}\n</update>\n',
    );
    writeFileSync(join(dir, 'prompts', 'system.md'), '---\ndescription: The system prompt.\n---\nYou are sales-mis.\n');
  });

  it('serves each workflow as a markdown resource and each prompt with its declared arguments filled in', async () => {
    const { client, close } = await connectInMemory({
      session,
      workflowsDir: join(dir, 'workflows'),
      promptsDir: join(dir, 'prompts'),
    });
    try {
      const { resources } = await client.listResources();
      expect(resources.map((r) => [r.uri, r.description, r.mimeType])).toEqual([
        ['mis://workflows/daily-check', 'The daily check.', 'text/markdown'],
      ]);
      const read = await client.readResource({ uri: 'mis://workflows/daily-check' });
      expect((read.contents[0] as { text: string }).text).toBe(
        readFileSync(join(dir, 'workflows', 'daily-check.md'), 'utf8'),
      );
      const { prompts } = await client.listPrompts();
      expect(prompts.map((p) => p.name).sort()).toEqual(['reconcile', 'system']);
      const rec = prompts.find((p) => p.name === 'reconcile')!;
      expect(rec.arguments!.map((a) => [a.name, a.required])).toEqual([
        ['owner', true],
        ['update', false],
      ]);
      const got = await client.getPrompt({
        name: 'reconcile',
        arguments: { owner: '101', update: 'Forace: shortlisted' },
      });
      expect((got.messages[0]!.content as { text: string }).text).toBe(
        'Reconcile the update from 101:\n<update>\nForace: shortlisted\n</update>',
      );
      const sys = await client.getPrompt({ name: 'system' });
      expect((sys.messages[0]!.content as { text: string }).text).toBe('You are sales-mis.');
    } finally {
      await close();
    }
  });

  it("serves the repository's workflows/ and prompts/ by default", async () => {
    const { client, close } = await connectInMemory({ session });
    try {
      const workflows = mdNames(join(ROOT, 'workflows'));
      const prompts = mdNames(join(ROOT, 'prompts'));
      if (workflows.length)
        expect((await client.listResources()).resources.map((r) => r.uri).sort()).toEqual(
          workflows.map((w) => `mis://workflows/${w}`),
        );
      if (prompts.length) expect((await client.listPrompts()).prompts.length).toBe(prompts.length);
    } finally {
      await close();
    }
  });
});

it('offers no resources or prompts from empty folders, and still serves its tools', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'mis-mcp-empty-'));
  const { client, close } = await connectInMemory({
    session: await sessionOf(fixture({ deals: 3 })),
    workflowsDir: empty,
    promptsDir: join(empty, 'missing'),
  });
  try {
    const caps = client.getServerCapabilities()!;
    expect(caps.resources).toBeUndefined();
    expect(caps.prompts).toBeUndefined();
    expect((await client.listTools()).tools.length).toBeGreaterThan(10);
  } finally {
    await close();
  }
});
