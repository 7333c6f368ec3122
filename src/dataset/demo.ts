import { fileURLToPath } from 'node:url';

/** The committed demo portal (data/demo-portal.json), resolved from this module so it works from src/ and dist/. */
export function demoDatasetPath(): string {
  return fileURLToPath(new URL('../../data/demo-portal.json', import.meta.url));
}
