/**
 * Which portal the sandbox serves. The store file persists between runs (so writes made through the API
 * survive); it is reloaded only when asked to serve a different dataset file than the one it holds.
 */
import { realpathSync, statSync } from 'node:fs';
import { MisError } from '../errors/index.js';
import { demoDatasetPath, fileFingerprint, readPortalFile } from '../dataset/index.js';
import { SandboxStore } from './store/index.js';

export interface PrepareOptions {
  /** The store file (`:memory:` for a throwaway store). */
  storeFile: string;
  /** A dataset the caller named (--dataset or MIS_DATASET). Without one, the store keeps what it holds, or gets the demo. */
  dataset?: string | undefined;
  /** Reload even if the store already holds this file unchanged. */
  force?: boolean;
  onProgress?: (message: string) => void;
}

export interface Prepared {
  store: SandboxStore;
  source: string;
  reloaded: boolean;
}

export function prepareSandboxStore(opts: PrepareOptions): Prepared {
  if (opts.dataset !== undefined) assertReadableFile(opts.dataset); // before the store (and its folder) is touched
  const store = new SandboxStore(opts.storeFile);
  try {
    const file = opts.dataset ?? (store.isEmpty() ? demoDatasetPath() : undefined);
    if (!file) return { store, source: store.getMeta('source') ?? 'sandbox store', reloaded: false };
    const label = realpathSync(file);
    const fingerprint = `${label}:${fileFingerprint(file)}`;
    if (!opts.force && !store.isEmpty() && store.getMeta('fingerprint') === fingerprint) {
      return { store, source: label, reloaded: false };
    }
    opts.onProgress?.(`loading ${label} into the sandbox`);
    const dataset = readPortalFile(file); // validates fully before anything is replaced
    store.load(dataset, { fingerprint, label });
    return { store, source: label, reloaded: true };
  } catch (e) {
    store.close();
    throw e;
  }
}

function assertReadableFile(file: string): void {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new MisError('DATASET_UNREADABLE', `cannot read dataset ${file}: it does not exist`, {
      hint: 'Check the path (the FILE argument, --dataset or MIS_DATASET); `mis sandbox generate --out FILE` writes a portal file.',
    });
  }
  if (!isFile) {
    throw new MisError('DATASET_UNREADABLE', `cannot read dataset ${file}: it is a folder, not a portal file`, {
      hint: 'Name a sales-mis/portal@1 JSON file.',
    });
  }
}
