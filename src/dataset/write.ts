/**
 * Writes a `portal@1` file as streamed JSON: one record per line inside each array, so a 20k-deal portal
 * (about 300k engagements) never has to exist as one giant string, and diffs of the committed demo stay readable.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import type { PortalDatasetInput } from './schema.js';

export function writePortalFile(file: string, data: PortalDatasetInput): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let buf = '';
  const flush = (force = false) => {
    if (force || buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  const emit = (s: string) => {
    buf += s;
    flush();
  };
  try {
    writeValue(data as unknown as Record<string, unknown>, 0, emit);
    emit('\n');
    flush(true);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Objects are expanded three levels deep (sections and their maps), arrays put one element per line; deeper values are compact. */
function writeValue(value: unknown, depth: number, emit: (s: string) => void): void {
  const indent = '  '.repeat(depth + 1);
  const close = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return emit('[]');
    emit('[\n');
    value.forEach((v, i) => emit(`${indent}${JSON.stringify(v)}${i < value.length - 1 ? ',' : ''}\n`));
    return emit(`${close}]`);
  }
  if (value !== null && typeof value === 'object' && depth < 3) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return emit('{}');
    emit('{\n');
    entries.forEach(([k, v], i) => {
      emit(`${indent}${JSON.stringify(k)}: `);
      writeValue(v, depth + 1, emit);
      emit(i < entries.length - 1 ? ',\n' : '\n');
    });
    return emit(`${close}}`);
  }
  emit(JSON.stringify(value));
}
