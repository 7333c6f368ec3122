/** The bad-input corpus run in-process through `main(argv, io)` (the cases are in bad-input-corpus.ts). */
import { describeBadInput } from './bad-input-corpus.js';

describeBadInput('in-process');
