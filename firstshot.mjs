import { readFileSync } from 'node:fs';
import { readPortalFile } from './dist/dataset/index.js';
import { portalDataFromDataset } from './dist/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from './dist/config/index.js';
import { nextActions, dealBrief } from './dist/assist/index.js';
const cases = JSON.parse(readFileSync('evals/assist/cases.json', 'utf8'));
const ctxs = new Map();
let right = 0, contact = 0, contactN = 0;
for (const c of cases) {
  if (!ctxs.has(c.portal)) {
    const ds = readPortalFile(`evals/assist/${c.portal}`);
    ctxs.set(c.portal, { data: await portalDataFromDataset(ds), config: DEFAULT_TEAM_CONFIG, asOf: new Date(ds.portal.asOf).toISOString(), timezone: ds.portal.timezone, currency: ds.portal.currency });
  }
  const ctx = ctxs.get(c.portal);
  const [a] = nextActions(ctx, { dealId: c.dealId });
  const ok = a.kind === c.expect.kind;
  right += ok;
  if (c.expect.contactId) { contactN++; contact += a.contactId === c.expect.contactId; }
  if (!ok || (c.expect.contactId && a.contactId !== c.expect.contactId)) console.log(c.id, 'want', c.expect.kind, c.expect.contactId, 'got', a.kind, a.contactId, '|', a.action, '|', a.reason);
}
console.log(`right action ${right}/${cases.length}; contact ${contact}/${contactN}`);
