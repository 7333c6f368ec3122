/**
 * The bad-input corpus run in-process through `main(argv, io)`: config files, environment variables and datasets
 * (AE updates and CLI arguments are in bad-input-args.test.ts, so the two halves run on separate workers).
 */
import { describeBadInput } from './bad-input-corpus.js';

describeBadInput('in-process', ['config', 'env', 'dataset']);
