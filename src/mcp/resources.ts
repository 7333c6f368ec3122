/**
 * Workflows (workflows/*.md) as resources mis://workflows/<name>, and prompts (prompts/*.md) as MCP prompts.
 * Both folders are read once at server start; a missing or empty folder means none.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import matter from 'gray-matter';
import { z } from 'zod';

export const DEFAULT_WORKFLOWS_DIR = fileURLToPath(new URL('../../workflows', import.meta.url));
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../prompts', import.meta.url));

interface MdFile {
  name: string;
  file: string;
  data: Record<string, unknown>;
  body: string;
}

function readMarkdown(dir: string): MdFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
    .sort()
    .flatMap((f) => {
      const file = join(dir, f);
      try {
        const parsed = matter(readFileSync(file, 'utf8'));
        return [{ name: basename(f, '.md'), file, data: parsed.data as Record<string, unknown>, body: parsed.content }];
      } catch {
        return []; // a malformed front matter is the workflow loader's error to report, not the server's
      }
    });
}

const argsSchema = z.array(
  z.object({
    name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/),
    description: z.string().optional(),
    required: z.boolean().optional(),
  }),
);

export function registerWorkflowResources(server: McpServer, dir: string): string[] {
  const files = readMarkdown(dir);
  for (const w of files) {
    const uri = `mis://workflows/${w.name}`;
    const text = readFileSync(w.file, 'utf8');
    const description = typeof w.data['description'] === 'string' ? w.data['description'] : `The ${w.name} workflow`;
    server.registerResource(
      w.name,
      uri,
      { title: typeof w.data['title'] === 'string' ? w.data['title'] : w.name, description, mimeType: 'text/markdown' },
      () => ({
        contents: [{ uri, mimeType: 'text/markdown', text }],
      }),
    );
  }
  return files.map((w) => `mis://workflows/${w.name}`);
}

export function registerPrompts(server: McpServer, dir: string): string[] {
  const files = readMarkdown(dir);
  const names: string[] = [];
  for (const p of files) {
    const declared = argsSchema.safeParse(p.data['arguments'] ?? []);
    const args = declared.success ? declared.data : [];
    const shape: Record<string, z.ZodType<string | undefined>> = {};
    for (const a of args) {
      const s = z
        .string()
        .max(10_000)
        .describe(a.description ?? a.name);
      shape[a.name] = a.required ? s : s.optional();
    }
    const name = typeof p.data['name'] === 'string' ? p.data['name'] : p.name;
    const description = typeof p.data['description'] === 'string' ? p.data['description'] : `The ${name} prompt`;
    const render = (values: Record<string, string | undefined>) => ({
      description,
      messages: [
        {
          role: 'user' as const,
          content: {
            type: 'text' as const,
            text: p.body
              .replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (m, k: string) => values[k] ?? (k in shape ? '' : m))
              .trim(),
          },
        },
      ],
    });
    if (args.length)
      server.registerPrompt(name, { title: name, description, argsSchema: shape as never }, ((
        values: Record<string, string | undefined>,
      ) => render(values)) as never);
    else server.registerPrompt(name, { title: name, description }, () => render({}));
    names.push(name);
  }
  return names;
}
