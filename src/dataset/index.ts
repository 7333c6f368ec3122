export * from './schema.js';
export { parsePortal, readPortalFile, fileFingerprint, formatPath } from './load.js';
export { writePortalFile } from './write.js';
export { demoDatasetPath } from './demo.js';
