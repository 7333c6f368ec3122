/**
 * Deterministic generator of a realistic demo portal ("Demo Logistics SaaS", an Indian logistics-software team)
 * in the `sales-mis/portal@1` format, with known problems planted for the product's checks to find.
 * Same options ⇒ byte-identical output: a seeded PRNG, no clock, no locale, no unordered iteration.
 */
import type { PortalDatasetInput } from '../dataset/index.js';
import { summarizeDeals } from './activity.js';
import { assemble, assignEngagementIds } from './assemble.js';
import { CompanyNamer } from './company-names.js';
import { buildContacts } from './contacts.js';
import { logDealPlants } from './deal-plants.js';
import { planDeals } from './deals.js';
import { addDuplicateCompanies, addDuplicateContacts, logDuplicatePlants } from './duplicates.js';
import { Writer, buildEngagements } from './engagements.js';
import { buildHistories } from './histories.js';
import { ID_BASE, assignIds } from './ids.js';
import { buildMarketing } from './marketing.js';
import type { World } from './model.js';
import { resolveOptions, type GeneratePortalOptions } from './options.js';
import { aeIndices, buildOwners } from './owners.js';
import { PlantLog } from './plants.js';
import { Rng } from './random.js';
import { assignRoles } from './roles.js';
import { buildSmartlead } from './smartlead.js';
import { buildUpdates } from './updates.js';

export { DEFAULT_AS_OF, DEFAULT_DEALS, DEFAULT_SEED, type GeneratePortalOptions } from './options.js';
export { PLANTED_KINDS, DEAL_PLANT_KINDS, UPDATE_KINDS, type PlantedKind, type PlantedProblem } from './plants.js';
export { GENERATOR_NAME } from './assemble.js';
export { missingDealName } from './updates.js';

export function generatePortal(options: GeneratePortalOptions = {}): PortalDatasetInput {
  const cfg = resolveOptions(options);
  const rng = new Rng(cfg.seed);
  const plants = new PlantLog();
  const owners = buildOwners(cfg, rng.fork('owners'));
  const world: World = {
    cfg,
    owners,
    companies: [],
    contacts: [],
    deals: [],
    engagements: [],
    reservedNames: [],
    takenNames: new Set(),
    takenDomains: new Set(),
    takenEmails: new Set(),
  };
  const namer = new CompanyNamer(rng.fork('company-names'), world.takenNames, world.takenDomains);
  // Names the weekly updates will mention as deals the CRM lacks; taken first so no CRM company gets them.
  world.reservedNames = aeIndices(owners).map(() => namer.next().name);

  const planned = planDeals(cfg, owners, namer, rng.fork('deals'));
  world.companies = planned.companies;
  world.deals = planned.deals;
  const companyDups = addDuplicateCompanies(world, rng.fork('duplicate-companies'));
  assignIds(world.companies, (c) => c.createdAt, ID_BASE.companies);

  const roles = assignRoles(world, rng.fork('roles'));
  buildHistories(world, rng.fork('histories'));
  buildContacts(world, rng.fork('contacts'));
  const contactDups = addDuplicateContacts(world, rng.fork('duplicate-contacts'));
  assignIds(world.contacts, (c) => c.createdAt, ID_BASE.contacts);
  logDuplicatePlants(plants, companyDups, contactDups);

  const writer = new Writer(world, rng.fork('engagement-copy'));
  const { evidence } = buildEngagements(world, writer, rng.fork('engagements'));
  const smartlead = buildSmartlead(world, namer, writer, plants, rng.fork('smartlead'));
  const marketing = buildMarketing(world, rng.fork('marketing'));
  assignEngagementIds(world);

  const stats = summarizeDeals(world);
  logDealPlants(world, stats, smartlead, evidence, plants);
  const aeUpdates = buildUpdates(world, roles, stats, smartlead.lastMessageByContact, plants, rng.fork('updates'));
  return assemble(world, stats, { smartlead: smartlead.section, marketing, aeUpdates }, plants);
}
