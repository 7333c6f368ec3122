/** CRM write tools, one per change op of the shared crmChangeSchema; registered only when writes are enabled. */
import type { z } from 'zod';
import {
  addNoteChangeSchema,
  createDealChangeSchema,
  createTaskChangeSchema,
  logCallChangeSchema,
  logMeetingChangeSchema,
  updateDealChangeSchema,
} from '../../../writes/index.js';
import type { ToolDef } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';
import { writeTool } from './write-tool.js';

const fields = <T extends z.ZodObject>(s: T) => s.omit({ op: true } as never).shape as Omit<T['shape'], 'op'>;

export const updateDeal = (v: Vocabulary) =>
  writeTool({
    name: 'hubspot_update_deal',
    op: 'update_deal',
    title: 'Update a deal (approval needed)',
    description: `Change properties of a HubSpot deal (dealstage, closedate, amount, hubspot_owner_id, …). dealstage values: ${v.stageList || 'stage ids from hubspot_list_pipelines'}.`,
    shape: fields(updateDealChangeSchema),
    annotations: { destructiveHint: true, idempotentHint: true },
  });

export const createDeal = () =>
  writeTool({
    name: 'hubspot_create_deal',
    op: 'create_deal',
    title: 'Create a deal (approval needed)',
    description: 'Create a HubSpot deal, optionally linked to a company and contacts.',
    shape: fields(createDealChangeSchema),
    annotations: { destructiveHint: false, idempotentHint: false },
  });

export const addNote = () =>
  writeTool({
    name: 'hubspot_add_note',
    op: 'add_note',
    title: 'Add a note (approval needed)',
    description: 'Add a note to a HubSpot deal.',
    shape: fields(addNoteChangeSchema),
    annotations: { destructiveHint: false, idempotentHint: false },
  });

export const createTask = () =>
  writeTool({
    name: 'hubspot_create_task',
    op: 'create_task',
    title: 'Create a task (approval needed)',
    description: 'Create a task on a HubSpot deal, due at a given time.',
    shape: fields(createTaskChangeSchema),
    annotations: { destructiveHint: false, idempotentHint: false },
  });

export const logCall = () =>
  writeTool({
    name: 'hubspot_log_call',
    op: 'log_call',
    title: 'Log a call (approval needed)',
    description: 'Log a call that happened on a HubSpot deal.',
    shape: fields(logCallChangeSchema),
    annotations: { destructiveHint: false, idempotentHint: false },
  });

export const logMeeting = () =>
  writeTool({
    name: 'hubspot_log_meeting',
    op: 'log_meeting',
    title: 'Log a meeting (approval needed)',
    description: 'Log a meeting that happened on a HubSpot deal.',
    shape: fields(logMeetingChangeSchema),
    annotations: { destructiveHint: false, idempotentHint: false },
  });

export function writeTools(v: Vocabulary): ToolDef[] {
  return [updateDeal(v), createDeal(), addNote(), createTask(), logCall(), logMeeting()] as unknown as ToolDef[];
}
