/**
 * One home for comparing names: folding, company-name normalisation and the words of a mention, one edit distance
 * and the similarities built on it. Used by duplicate detection, reconcile and `mis ask`.
 */
export { fold, words } from './text.js';
export { normalizeCompanyName, nameTokens, dealCompanyPart, withoutLegalForm } from './company.js';
export { PUBLIC_EMAIL_DOMAINS, normalizeEmail, normalizePersonName, normalizeDomain } from './contact.js';
export { editDistance, tokenJaccard, nameSimilarity, typoApart, tokenSimilarity, nameScore } from './distance.js';
