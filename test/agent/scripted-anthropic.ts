/**
 * A scripted Anthropic-compatible Messages API on 127.0.0.1 (node:http) for the real SDK: each POST
 * /v1/messages gets the next scripted reply — a message (as JSON, or as the SSE event stream the SDK's
 * streaming parser consumes when the request has stream: true) or an HTTP error. Every request body is kept
 * so tests can assert on what the SDK really sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptBlock =
  { type: 'text'; text: string } | { type: 'tool_use'; name: string; input: Record<string, unknown>; id?: string };

export type ScriptStep =
  | {
      reply: ScriptBlock[];
      stop?: 'end_turn' | 'tool_use' | 'max_tokens';
      usage?: {
        input_tokens?: number;
        output_tokens?: number;
        cache_read_input_tokens?: number;
        cache_creation_input_tokens?: number;
      };
    }
  | { status: number; errorType: string; message?: string; headers?: Record<string, string> };

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: MessagesBody;
}

export interface MessagesBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system?: { type: 'text'; text: string; cache_control?: unknown }[] | string;
  tools?: { name: string; description?: string; input_schema: unknown; cache_control?: unknown }[];
  messages: { role: string; content: string | ContentBlock[] }[];
  [k: string]: unknown;
}

export type ContentBlock = {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: string | ContentBlock[];
  is_error?: boolean;
};

export class ScriptedAnthropic {
  readonly requests: ReceivedRequest[] = [];
  private server: Server | null = null;
  private next = 0;
  private ids = 0;

  /** count_tokens requests (Claude Code sends them): answered with an estimate, never consuming a scripted reply. */
  readonly countTokens: ReceivedRequest[] = [];

  /** A list of replies in order, or a function choosing each reply from the request (Claude Code's side calls). */
  constructor(
    private readonly script: ScriptStep[] | ((body: MessagesBody, index: number) => ScriptStep | undefined),
  ) {}

  get url(): string {
    const a = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${a.port}`;
  }

  /** Replies not yet used (a test that expects the whole script consumed asserts 0). */
  get remaining(): number {
    return Array.isArray(this.script) ? this.script.length - this.next : 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
      return this.error(res, 404, 'not_found_error', `no route ${req.method} ${req.url}`);
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as MessagesBody;
    // Claude Code's shapes: /v1/messages?beta=true, and /v1/messages/count_tokens for token estimates.
    if (req.url.split('?')[0] === '/v1/messages/count_tokens') {
      this.countTokens.push({ path: req.url, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ input_tokens: Math.ceil(JSON.stringify(body).length / 4) }));
      return;
    }
    this.requests.push({ path: req.url, headers: req.headers, body });
    const step = Array.isArray(this.script) ? this.script[this.next++] : this.script(body, this.next++);
    if (!step)
      return this.error(res, 500, 'api_error', 'the script has no more replies', { 'x-should-retry': 'false' });
    if ('status' in step)
      return this.error(res, step.status, step.errorType, step.message ?? step.errorType, step.headers ?? {});
    const content = step.reply.map((b) =>
      b.type === 'text'
        ? { type: 'text' as const, text: b.text, citations: null }
        : {
            type: 'tool_use' as const,
            id: b.id ?? `toolu_${String(++this.ids).padStart(4, '0')}`,
            name: b.name,
            input: b.input,
          },
    );
    const stop = step.stop ?? (step.reply.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
    const usage = {
      input_tokens: 100,
      output_tokens: 20,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      ...step.usage,
    };
    const message = {
      id: `msg_${String(this.requests.length).padStart(4, '0')}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: stop,
      stop_sequence: null,
      usage,
    };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${this.requests.length}` });
      res.end(JSON.stringify(message));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'request-id': `req_${this.requests.length}`,
    });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('message_start', {
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
    });
    send('ping', { type: 'ping' });
    content.forEach((block, index) => {
      if (block.type === 'text') {
        send('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'text', text: '', citations: null },
        });
        for (const piece of split(block.text, 40))
          send('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'text_delta', text: piece },
          });
      } else {
        send('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        });
        for (const piece of split(JSON.stringify(block.input), 16))
          send('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: piece },
          });
      }
      send('content_block_stop', { type: 'content_block_stop', index });
    });
    send('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stop, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    });
    send('message_stop', { type: 'message_stop' });
    res.end();
  }

  private error(
    res: ServerResponse,
    status: number,
    type: string,
    message: string,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ type: 'error', error: { type, message } }));
  }
}

function split(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out.length ? out : [''];
}

/** Every string in a request body with where it sits: "system", "tools", or "messages[i].<block type>". */
export function textsByPlace(body: MessagesBody): { place: string; text: string }[] {
  const out: { place: string; text: string }[] = [];
  const sys = typeof body.system === 'string' ? [{ text: body.system }] : (body.system ?? []);
  for (const s of sys) out.push({ place: 'system', text: s.text });
  out.push({ place: 'tools', text: JSON.stringify(body.tools ?? []) });
  body.messages.forEach((m, i) => {
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    for (const b of blocks) {
      const place = `messages[${i}].${m.role}.${b.type}`;
      if (b.type === 'tool_result') {
        const inner = typeof b.content === 'string' ? [{ type: 'text', text: b.content }] : (b.content ?? []);
        for (const c of inner) out.push({ place, text: c.text ?? JSON.stringify(c) });
      } else out.push({ place, text: b.text ?? JSON.stringify(b.input ?? b) });
    }
  });
  return out;
}
