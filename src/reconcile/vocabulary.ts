/**
 * The CRM's own vocabulary for one AE's update: every way the team's deals can be named (company and deal names,
 * their initials, the product part of a deal's name, old deal names, contact people) and the names that are never
 * a deal (the team's owners and colleagues). The offline extractor anchors subjects on it and the matcher resolves
 * names with it, so both extractors share one notion of "a known entity".
 */
import type { AnalysisContext } from '../analysis/index.js';
import { derive } from '../analysis/index.js';
import type { Pipeline } from '../crm/index.js';
import { keyForStage, type Lexicon } from './lexicon.js';
import { dealCompanyPart, nameTokens } from '../names/index.js';
import type { StageKey } from './schema.js';
import { NEVER_A_NAME } from './words.js';

export type AliasKind = 'company' | 'initials' | 'contact' | 'product' | 'oldname';

export interface Alias {
  kind: AliasKind;
  /** Normalised tokens (names.ts), or for initials the upper-case letters as one token. */
  tokens: string[];
  /** The business the alias names: `company:<id>` or `deal:<id>` for a deal with no company. */
  entity: string;
  /** Deals the alias points at (a contact's deals, a product's deal); every deal of the entity for a company name. */
  dealIds: string[];
  display: string;
}

export interface StagePhrase {
  stageId: string;
  key: StageKey;
  re: RegExp;
}

export interface Vocabulary {
  ownerId: string;
  aliases: Alias[];
  /** Lower-case name words of owners (current and archived): colleagues, never subjects. */
  people: ReadonlySet<string>;
  /** Every deal's product-part tokens, by deal id (for telling two deals at one company apart). */
  productTokens: ReadonlyMap<string, string[]>;
  dealOwner: ReadonlyMap<string, string | null>;
  entityOfDeal: ReadonlyMap<string, string>;
  /** The portal's own stage labels as phrases ("Site Survey", "Fleet Audit", "PO Received"). */
  stagePhrases: StagePhrase[];
}

/** "Trivikram Fulfilment Services Pvt Ltd" → "TFS"; null when the name has fewer than two words. */
export function initialsOf(name: string): string | null {
  const words = name
    .replace(/\(.*?\)/g, ' ')
    .split(/[\s\-–—&,.]+/)
    .filter((w) => /^\p{L}/u.test(w) && !/^(pvt|private|ltd|limited|llp|inc|co|and|the|of|company|opc)$/i.test(w));
  if (words.length < 2 || words.length > 5) return null;
  return words.map((w) => w[0]!.toUpperCase()).join('');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The label's parts as stage phrases: "Site Survey / Demo" → "site survey", "demo"; "Negotiation & Legal" → both. */
function stagePhrasesOf(pipeline: Pipeline, lexicon: Lexicon): StagePhrase[] {
  const out: StagePhrase[] = [];
  for (const stage of pipeline.stages) {
    const key = keyForStage(lexicon, pipeline, stage);
    for (const part of stage.label.split(/\s*(?:\/|&|\+|,|\bor\b)\s*/i)) {
      const words = part
        .trim()
        .toLowerCase()
        .split(/[\s-]+/)
        .filter(Boolean);
      // One generic word ("Demo", "Won", "Lost") is the lexicon's business; a label phrase needs two words.
      if (words.length < 2) continue;
      const src = words.map(escapeRe).join(String.raw`[\s-]+`);
      out.push({ stageId: stage.id, key, re: new RegExp(String.raw`(?<![\p{L}])${src}(?![\p{L}])`, 'giu') });
    }
  }
  return out;
}

export function buildVocabulary(ctx: AnalysisContext, ownerId: string, lexicon: Lexicon): Vocabulary {
  const d = derive(ctx);
  const aliases: Alias[] = [];
  const people = new Set<string>();
  for (const o of ctx.data.crm.owners)
    for (const w of `${o.firstName ?? ''} ${o.lastName ?? ''} ${o.name ?? ''}`.toLowerCase().split(/[^\p{L}]+/u))
      if (w.length >= 3) people.add(w);
  const productTokens = new Map<string, string[]>();
  const dealOwner = new Map<string, string | null>();
  const entityOfDeal = new Map<string, string>();
  const dealsOfEntity = new Map<string, string[]>();
  const companyOfContact = new Map<string, string[]>();
  const dealsOfContact = new Map<string, string[]>();
  for (const deal of ctx.data.crm.deals) {
    if (deal.archived) continue;
    const entity = deal.companyIds[0] ? `company:${deal.companyIds[0]}` : `deal:${deal.id}`;
    entityOfDeal.set(deal.id, entity);
    dealOwner.set(deal.id, deal.ownerId);
    dealsOfEntity.set(entity, [...(dealsOfEntity.get(entity) ?? []), deal.id]);
    for (const c of deal.contactIds) dealsOfContact.set(c, [...(dealsOfContact.get(c) ?? []), deal.id]);
  }
  const companyTokens = new Map<string, Set<string>>();
  for (const deal of ctx.data.crm.deals) {
    if (deal.archived) continue;
    const entity = entityOfDeal.get(deal.id)!;
    const all = dealsOfEntity.get(entity)!;
    const { company, product } = dealCompanyPart(deal.name);
    const ctoks = nameTokens(company);
    const known = companyTokens.get(entity) ?? new Set<string>();
    for (const t of ctoks) known.add(t);
    companyTokens.set(entity, known);
    if (ctoks.length) aliases.push({ kind: 'company', tokens: ctoks, entity, dealIds: all, display: company });
    const ini = initialsOf(company);
    if (ini && ini.length >= 2 && !NEVER_A_NAME.has(ini.toLowerCase()))
      aliases.push({ kind: 'initials', tokens: [ini], entity, dealIds: all, display: company });
    productTokens.set(deal.id, product ? nameTokens(product) : []);
    for (const old of deal.nameHistory ?? []) {
      if (!old.value || old.value === deal.name) continue;
      const { product: oldProduct } = dealCompanyPart(old.value);
      const toks = nameTokens(oldProduct ?? old.value).filter(
        (t) => !NEVER_A_NAME.has(t) && !known.has(t) && t.length >= 4,
      );
      if (toks.length) aliases.push({ kind: 'oldname', tokens: toks, entity, dealIds: [deal.id], display: old.value });
    }
  }
  for (const cid of new Set([...d.companies.keys()])) {
    const c = d.companies.get(cid)!;
    if (c.archived || !c.name) continue;
    const entity = `company:${cid}`;
    const toks = nameTokens(c.name);
    if (toks.length)
      aliases.push({
        kind: 'company',
        tokens: toks,
        entity,
        dealIds: dealsOfEntity.get(entity) ?? [],
        display: c.name,
      });
    const ini = initialsOf(c.name);
    if (ini && !NEVER_A_NAME.has(ini.toLowerCase()))
      aliases.push({
        kind: 'initials',
        tokens: [ini],
        entity,
        dealIds: dealsOfEntity.get(entity) ?? [],
        display: c.name,
      });
  }
  for (const contact of ctx.data.crm.contacts) {
    if (contact.archived || !contact.firstName) continue;
    const first = contact.firstName.trim().toLowerCase();
    if (first.length < 3 || people.has(first) || NEVER_A_NAME.has(first)) continue;
    const deals = dealsOfContact.get(contact.id) ?? [];
    const cid = contact.companyIds[0];
    const entity = deals[0] ? entityOfDeal.get(deals[0])! : cid ? `company:${cid}` : null;
    if (!entity) continue;
    companyOfContact.set(contact.id, contact.companyIds);
    const dealIds = deals.length ? deals : (dealsOfEntity.get(entity) ?? []);
    const full = nameTokens(`${contact.firstName} ${contact.lastName ?? ''}`, new Set());
    aliases.push({
      kind: 'contact',
      tokens: full,
      entity,
      dealIds,
      display: `${contact.firstName} ${contact.lastName ?? ''}`.trim(),
    });
  }
  const pipelines = ctx.data.crm.pipelines;
  const stagePhrases = pipelines.flatMap((p) => stagePhrasesOf(p, lexicon));
  return { ownerId, aliases, people, productTokens, dealOwner, entityOfDeal, stagePhrases };
}
