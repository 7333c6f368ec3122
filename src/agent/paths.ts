/** Where the shipped workflows and prompts live: beside src/ (and dist/) in the checkout or the installed package. */
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../../', import.meta.url);

export const WORKFLOWS_DIR = fileURLToPath(new URL('workflows/', ROOT));
export const PROMPTS_DIR = fileURLToPath(new URL('prompts/', ROOT));
