/**
 * The claude driver: the Anthropic SDK's tool runner over the run's MCP tools (`mcpTool` turns each into a
 * runnable tool that calls the MCP client), a turn limit, a token budget, the stable prefix cached
 * (cache_control on the system prompt and the last tool), and a final JSON answer validated with zod: one retry
 * with the validation error sent back, then a clear failure.
 */
import Anthropic from '@anthropic-ai/sdk';
import { mcpTool } from '@anthropic-ai/sdk/helpers/beta/mcp';
import type {
  BetaMessage,
  BetaMessageParam,
  BetaTextBlockParam,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import { AgentError, ModelUnavailableError } from '../errors.js';
import { extractJson, systemBlocks, userTurn } from './instructions.js';
import type { ModelConfig } from './model-config.js';
import { emptyUsage, totalTokens, type Driver, type DriverResult, type DriverTask, type TokenUsage } from './types.js';
import type { ToolCaller } from '../tools.js';

export interface ClaudeDriverOptions {
  /** Stream each turn (SSE); default true. */
  stream?: boolean;
  /** SDK retries of 408/409/429/5xx (529 overloaded included); default 2. */
  maxRetries?: number;
  /** Per-request timeout; default 10 minutes. */
  timeoutMs?: number;
  promptsDir?: string;
}

const CACHE = { type: 'ephemeral' } as const;

export class ClaudeDriver implements Driver {
  readonly name = 'claude' as const;
  private readonly client: Anthropic;
  private readonly model: string;
  private readonly stream: boolean;
  private readonly promptsDir: string | undefined;

  constructor(config: ModelConfig, opts: ClaudeDriverOptions = {}) {
    if (!config.apiKey) {
      throw new ModelUnavailableError(
        'the claude driver needs ANTHROPIC_API_KEY',
        'Set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for a proxy), or run with --driver offline.',
      );
    }
    this.client = new Anthropic({
      apiKey: config.apiKey,
      ...(config.baseURL ? { baseURL: config.baseURL } : {}),
      maxRetries: opts.maxRetries ?? 2,
      timeout: opts.timeoutMs ?? 600_000,
    });
    this.model = config.model;
    this.stream = opts.stream ?? true;
    this.promptsDir = opts.promptsDir;
  }

  async run(task: DriverTask): Promise<DriverResult> {
    const { limits } = task.workflow;
    const system: BetaTextBlockParam[] = systemBlocks(task, this.promptsDir).map((text) => ({ type: 'text', text }));
    system[system.length - 1] = { ...system[system.length - 1]!, cache_control: CACHE };
    // What the tools returned, for outputs that check the model's words against it (OutputSpec.verify).
    const seen: unknown[] = [];
    const caller: ToolCaller = {
      callTool: async (params) => {
        const r = await task.caller.callTool(params);
        if (!r.isError) seen.push(r.structuredContent ?? r.content ?? null);
        return r;
      },
    };
    const tools = task.tools.map((t, i) =>
      mcpTool(
        t as Parameters<typeof mcpTool>[0],
        caller as Parameters<typeof mcpTool>[1],
        i === task.tools.length - 1 ? { cache_control: CACHE } : undefined,
      ),
    );
    const usage = emptyUsage();
    let turns = 0;
    let messages: BetaMessageParam[] = [{ role: 'user', content: userTurn(task) }];
    let lastError = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      const remaining = limits.maxTurns - turns;
      if (remaining < 1) break;
      const runner = this.client.beta.messages.toolRunner({
        model: this.model,
        max_tokens: limits.maxOutputTokens,
        system,
        tools,
        messages,
        max_iterations: remaining,
        // The full history every turn (no server-side thread): works with any Anthropic-compatible endpoint and
        // keeps the cached prefix byte-identical.
        thread: false,
        ...(this.stream ? { stream: true } : {}),
      });
      let last: BetaMessage | undefined;
      try {
        for await (const item of runner) {
          const message = 'finalMessage' in item ? await item.finalMessage() : item;
          turns++;
          addUsage(usage, message);
          last = message;
          if (totalTokens(usage) > limits.maxTokens) {
            throw new AgentError(
              `token budget exceeded: ${totalTokens(usage)} tokens after ${turns} model requests (budget ${limits.maxTokens})`,
              'Raise limits.maxTokens in the workflow frontmatter, narrow the run (--owner), or use --driver offline.',
            );
          }
        }
      } catch (e) {
        throw modelError(e);
      }
      if (!last)
        throw new AgentError('the model returned no message', 'Run again; if it persists, check ANTHROPIC_BASE_URL.');
      if (last.stop_reason === 'tool_use') {
        throw new AgentError(
          `turn limit reached: ${turns} model requests and the model still wanted tools (limit ${limits.maxTurns})`,
          'Raise limits.maxTurns in the workflow frontmatter, or narrow the run (--owner); --driver offline runs the declared steps.',
        );
      }
      if (last.stop_reason === 'max_tokens') {
        throw new AgentError(
          `the final answer was cut off at ${limits.maxOutputTokens} output tokens`,
          'Raise limits.maxOutputTokens in the workflow frontmatter.',
        );
      }
      if (last.stop_reason === 'refusal')
        throw new AgentError(
          'the model refused the task',
          'Check the workflow instruction; --driver offline runs the declared steps.',
        );
      const text = last.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
      const json = extractJson(text);
      if (json.ok) {
        const parsed = task.output.schema.safeParse(json.value);
        const problem = parsed.success ? (task.output.verify?.(parsed.data, seen) ?? null) : null;
        if (parsed.success && !problem) return { output: parsed.data, usage, model: last.model ?? this.model, turns };
        if (problem) lastError = problem;
        else if (!parsed.success)
          lastError = parsed.error.issues
            .slice(0, 8)
            .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
            .join('; ');
      } else lastError = json.error;
      // One retry: the conversation so far, the invalid answer, and what was wrong with it.
      messages = [
        ...withReply(runner.params.messages, last),
        {
          role: 'user',
          content: `Your answer does not validate against the "${task.output.name}" schema: ${lastError}. Reply again with only the corrected JSON object.`,
        },
      ];
    }
    throw new AgentError(
      turns >= limits.maxTurns
        ? `turn limit reached before a valid answer (limit ${limits.maxTurns}); last problem: ${lastError}`
        : `the model's final answer is invalid twice: ${lastError}`,
      'Run again, try another MIS_MODEL, or use --driver offline (the declared steps, no model).',
    );
  }
}

/** The history with the final reply at its end (the runner keeps it; this adds it if a runner version did not). */
function withReply(history: BetaMessageParam[], reply: BetaMessage): BetaMessageParam[] {
  const tail = history[history.length - 1];
  if (tail && tail.role === 'assistant') return history;
  return [...history, { role: 'assistant', content: reply.content } as unknown as BetaMessageParam];
}

function addUsage(u: TokenUsage, m: BetaMessage): void {
  u.requests++;
  u.inputTokens += m.usage?.input_tokens ?? 0;
  u.outputTokens += m.usage?.output_tokens ?? 0;
  u.cacheCreationInputTokens += m.usage?.cache_creation_input_tokens ?? 0;
  u.cacheReadInputTokens += m.usage?.cache_read_input_tokens ?? 0;
}

/** SDK errors as MisErrors that say what to do; never the key, never a payload. */
function modelError(e: unknown): unknown {
  if (e instanceof AgentError || e instanceof ModelUnavailableError) return e;
  if (e instanceof Anthropic.AuthenticationError || e instanceof Anthropic.PermissionDeniedError) {
    return new ModelUnavailableError(
      `the model API refused the key (HTTP ${e.status})`,
      'Check ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL), or run with --driver offline.',
    );
  }
  if (e instanceof Anthropic.APIConnectionError) {
    return new ModelUnavailableError(
      `cannot reach the model API: ${e.message}`,
      'Check the network and ANTHROPIC_BASE_URL, or run with --driver offline.',
    );
  }
  if (
    e instanceof Anthropic.RateLimitError ||
    (e instanceof Anthropic.APIError && (e.status === 529 || (e.status ?? 0) >= 500))
  ) {
    return new AgentError(
      `the model API is rate limited or overloaded (HTTP ${e.status}) after retries`,
      'Wait a minute and run again, or use --driver offline.',
    );
  }
  if (e instanceof Anthropic.APIError) {
    return new AgentError(
      `the model API rejected the request (HTTP ${e.status ?? '?'}): ${e.message.slice(0, 300)}`,
      'Check MIS_MODEL and ANTHROPIC_BASE_URL; --driver offline needs no model.',
    );
  }
  return e;
}
