/** The one-tap links and their pages: signed links, the actions handler, the quick-log page and its form. */
export {
  signLink,
  verifyLink,
  linkSecret,
  LINK_KEY_FILE,
  linkId,
  linkUrl,
  recordLink,
  consumeLink,
  loadLink,
  LinkError,
  LINK_ACTIONS,
  type LinkClaims,
  type LinkAction,
  type LinkProblem,
} from './links.js';
export { createActionsHandler, recordSkip, type ActionsDeps, type QuickLogWriter } from './actions.js';
export { writeServiceWriter } from './write-adapter.js';
export { dealLookup } from './deal-lookup.js';
export {
  dealView,
  fixForm,
  changesFromForm,
  problemWords,
  humanDay,
  FormRefused,
  type DealView,
  type FixForm,
} from './fix-form.js';
