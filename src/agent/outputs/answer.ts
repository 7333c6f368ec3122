/** answer (mis ask): an answer to a person's question, citing the records it rests on. */
import { z } from 'zod';
import { citationSchema } from './common.js';
import { defineOutput } from './spec.js';
import { untraceable } from './traceable.js';

export const answerSchema = z.object({
  kind: z.literal('answer'),
  question: z.string(),
  answer: z.string().min(1).describe('the answer in plain words, figures in the portal currency'),
  citations: z.array(citationSchema).describe('every record the answer rests on'),
  report: z.string().nullable().describe('offline: the report the question was mapped to; null from a model'),
});
export type Answer = z.infer<typeof answerSchema>;

export const answer = defineOutput({
  name: 'answer',
  description: 'an answer to the question: { kind: "answer", question, answer, citations: [{type, id}], report: null }',
  schema: answerSchema,
  assemble() {
    throw new Error('answers are assembled by mis ask, not by workflow steps');
  },
  /**
   * When the RevOps advisor (mis_advise) was consulted, the prose is the model's but every number and name in it must
   * be in the tool results (the advice report): otherwise the answer is sent back once, then refused.
   */
  verify(a, results) {
    const advised = results.some(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        'report' in r &&
        (r as { report?: { format?: unknown } }).report?.format === 'sales-mis/advice@1',
    );
    if (!advised) return null;
    const unknown = untraceable(a.answer, [...results, a.question]);
    return unknown.length
      ? `these are not in the tool results, so they cannot be stated: ${unknown.slice(0, 8).join(', ')}. Use only numbers, dates and names from the mis_advise report and the other tool results.`
      : null;
  },
  render(a) {
    const cites = a.citations.length ? `\n\nSources: ${a.citations.map((c) => `${c.type} ${c.id}`).join(', ')}` : '';
    return `${a.answer}${cites}`;
  },
});
