/** The server over stdio (Claude Code's .mcp.json). stdout carries protocol messages only: log to stderr. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { McpDeps } from './deps.js';
import { createServer } from './server.js';

/** Serves until stdin closes or the process is told to stop; resolves then. */
export async function serveStdio(deps: McpDeps, opts: { onInitialized?: () => void } = {}): Promise<void> {
  const server = createServer(deps);
  if (opts.onInitialized) server.server.oninitialized = opts.onInitialized;
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
