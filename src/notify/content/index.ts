/** What a digest says: open items, the digest model, wins, evidence, said vs HubSpot, the wording guard, what the AE gets back. */
export { openItems } from './items.js';
export { winsAndWeek, winsSchema, weekSchema, type Wins, type WeekProgress } from './wins.js';
export {
  digestSchema,
  digestItemSchema,
  buildDigest,
  greeting,
  DIGEST_FORMAT,
  type Digest,
  type DigestItem,
  type Person,
  type Said,
} from './digest.js';
export { guardWording, checkWording, numbersIn, modelNumbers, WordingRejectedError } from './guard.js';
export { crmEvidence } from './evidence.js';
export { latestSaid } from './said.js';
