/**
 * The model-visible tool list — what Claude Code sends the model for each tool: name, description, input schema —
 * stays within 4k tokens (16,000 characters of JSON at ~4 characters a token) as tools are added. It reads the real
 * registered list from a server (every tool, whoever added it), so a new tool counts at once; prints the figure.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { createServer, type SessionSource } from '../../src/mcp/index.js';

/** The figure before the tool list was made portal-independent and trimmed (18 tools, demo portal). */
const BEFORE = { tools: 18, chars: 19_924 };
const BUDGET_CHARS = 16_000;

/** A server whose session is not ready: the list a client gets at start-up, before any sync. */
async function listed(writes: boolean) {
  const source: SessionSource = {
    current() {
      throw new Error('not ready');
    },
    describe: () => null,
  };
  const server = createServer({ source, writesEnabled: writes });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'budget', version: '1.0.0' });
  await server.connect(b);
  await client.connect(a);
  const { tools } = await client.request({ method: 'tools/list', params: {} }, ListToolsResultSchema);
  await client.close();
  return tools.map((t) => ({ name: t.name, description: t.description ?? '', input_schema: t.inputSchema }));
}

describe('model-visible tool list', () => {
  it(`stays within ${BUDGET_CHARS.toLocaleString('en')} characters (~4k tokens)`, async () => {
    const tools = await listed(false);
    const chars = JSON.stringify(tools).length;
    const rows = tools
      .map((t) => ({ name: t.name, chars: JSON.stringify(t).length }))
      .sort((x, y) => y.chars - x.chars);
    console.log(
      `model-visible tool list: ${tools.length} tools, ${chars.toLocaleString('en')} chars (~${Math.round(chars / 4).toLocaleString('en')} tokens); ` +
        `before: ${BEFORE.tools} tools, ${BEFORE.chars.toLocaleString('en')} chars (~${Math.round(BEFORE.chars / 4).toLocaleString('en')} tokens); budget ${BUDGET_CHARS.toLocaleString('en')}\n` +
        rows.map((r) => `  ${r.name.padEnd(32)} ${r.chars}`).join('\n'),
    );
    expect(chars).toBeLessThanOrEqual(BUDGET_CHARS);
    for (const t of tools) expect(t.description.length, `${t.name}: keep descriptions short`).toBeLessThanOrEqual(400);
  });

  it('prints the size with the CRM write tools on as well', async () => {
    const tools = await listed(true);
    const chars = JSON.stringify(tools).length;
    console.log(
      `with --enable-writes: ${tools.length} tools, ${chars.toLocaleString('en')} chars (~${Math.round(chars / 4).toLocaleString('en')} tokens)`,
    );
    expect(tools.length).toBeGreaterThan(18);
  });
});
