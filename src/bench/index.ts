export { runBench, measureAnalysis, type BenchOptions, type AnalysisFigures } from './run.js';
