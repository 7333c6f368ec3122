/**
 * The audited write path as the MCP write tools use it: src/writes' WriteService. A write is proposed
 * (validated, previewed, recorded) and applied only with an approval token that a person obtains from
 * `mis writes approve`; the server never writes to the CRM any other way.
 */
import type { WriteService } from '../writes/index.js';

export type WriteGateway = Pick<WriteService, 'propose' | 'apply' | 'get'>;
