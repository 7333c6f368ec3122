export { runBench, type BenchOptions } from './run.js';
