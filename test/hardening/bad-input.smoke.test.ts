/** The bad-input cases that need the built CLI as a subprocess (exit codes and stderr of the real binary). */
import { describeBadInput } from './bad-input-corpus.js';

describeBadInput('subprocess');
