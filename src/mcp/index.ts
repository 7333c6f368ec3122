/** The sales-mis MCP server: tools over the synced cache, workflows as resources, prompts; three transports. */
export { createServer, describeSession, serverFactory, SERVER_NAME } from './server.js';
export { cacheStatusSchema, type CacheStatus, type McpDeps, type McpSession, type SessionSource } from './deps.js';
export type { WriteGateway } from './writes.js';
export { connectInMemory, type InMemoryConnection } from './in-memory.js';
export { serveStdio } from './stdio.js';
export { serveHttp, type HttpOptions, type RunningHttpServer } from './http.js';
export { DEFAULT_MAX_RESULT_BYTES, enforceBound, pageOf, jsonBytes } from './bound.js';
export { allTools, readTools } from './tools/index.js';
