export { weeklyReport } from '../analysis/index.js';
