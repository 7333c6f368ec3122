export { sync, type SyncOptions, type SyncResult } from './sync.js';
export { readOutreach, type OutreachRead } from './smartlead.js';
