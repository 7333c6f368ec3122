/** Reading a request body and writing a route's result, as both services do on the wire. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hsErrors } from '../hubspot/errors.js';
import type { RouteResult } from './router.js';

export const JSON_TYPE = 'application/json;charset=utf-8';
const MAX_BODY = 10 * 1024 * 1024;

export function send(res: ServerResponse, result: RouteResult, headers: Record<string, string>): void {
  const all: Record<string, string> = { 'Content-Type': JSON_TYPE, ...headers, ...result.headers };
  if (result.status === 204) {
    res.writeHead(204, all).end();
    return;
  }
  if (result.text !== undefined) {
    res.writeHead(result.status, { ...all, 'Content-Type': 'text/plain;charset=utf-8' }).end(result.text);
    return;
  }
  res.writeHead(result.status, all).end(JSON.stringify(result.body ?? {}));
}

/** The JSON body (undefined when empty); HubSpot's validation error for too large or malformed. */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw hsErrors.validation('request body is too large');
    chunks.push(chunk as Buffer);
  }
  if (!size) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw hsErrors.validation('Invalid input JSON on line 1: the body is not valid JSON');
  }
}
