/** The server and an MCP SDK Client in one process, linked by InMemoryTransport (the agent runner, tests). */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpDeps } from './deps.js';
import { createServer } from './server.js';

export interface InMemoryConnection {
  client: Client;
  close(): Promise<void>;
}

export async function connectInMemory(
  deps: McpDeps,
  clientInfo = { name: 'sales-mis-agent', version: '1.0.0' },
): Promise<InMemoryConnection> {
  const server = createServer(deps);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client(clientInfo);
  await server.connect(serverSide);
  await client.connect(clientSide);
  return {
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}
