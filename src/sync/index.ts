export { sync, type SyncOptions, type SyncResult, type SyncSource } from './sync.js';
export { readOutreach, type OutreachRead } from './smartlead.js';
