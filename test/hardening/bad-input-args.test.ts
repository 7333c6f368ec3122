/** The bad-input corpus run in-process through `main(argv, io)`: AE updates and CLI arguments. */
import { describeBadInput } from './bad-input-corpus.js';

describeBadInput('in-process', ['update', 'cli']);
