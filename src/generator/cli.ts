/**
 * Generate a portal and write it as a `portal@1` file (streamed, one record per line).
 */
import { writePortalFile } from '../dataset/index.js';
import { generatePortal, type GeneratePortalOptions } from './index.js';

export interface RunGenerateArgs extends GeneratePortalOptions {
  /** Output file path. */
  out: string;
}

export interface RunGenerateResult {
  file: string;
  /** Records per object type, plus associations, SmartLead messages, AE updates and planted problems. */
  counts: Record<string, number>;
  /** Wall time for generating and writing, in milliseconds. */
  ms: number;
}

export function runGenerate(args: RunGenerateArgs): RunGenerateResult {
  const started = performance.now();
  const { out, ...options } = args;
  const data = generatePortal(options);
  writePortalFile(out, data);
  const objects = data.objects;
  const counts: Record<string, number> = {
    owners: data.owners.length,
    companies: objects.companies?.length ?? 0,
    contacts: objects.contacts?.length ?? 0,
    deals: objects.deals?.length ?? 0,
    calls: objects.calls?.length ?? 0,
    emails: objects.emails?.length ?? 0,
    meetings: objects.meetings?.length ?? 0,
    notes: objects.notes?.length ?? 0,
    tasks: objects.tasks?.length ?? 0,
    associations: data.associations?.length ?? 0,
    smartleadLeads: data.smartlead?.leads?.length ?? 0,
    smartleadMessages: data.smartlead?.messages?.length ?? 0,
    aeUpdates: data.aeUpdates?.length ?? 0,
    planted: data.generator?.planted.length ?? 0,
  };
  return { file: out, counts, ms: Math.round(performance.now() - started) };
}
