/**
 * Invents company names that stay distinct after a person (or a dedupe check) drops the legal suffix, so the only
 * look-alike companies in a portal are the planted duplicates.
 */
import {
  CITIES,
  COMPANY_CORES,
  COMPANY_PREFIXES,
  COMPANY_QUALIFIERS,
  COMPANY_SUFFIXES,
  LEGAL_TOKENS,
  type Sector,
} from './names.js';
import { slug } from './owners.js';
import type { Rng } from './random.js';

export interface InventedCompany {
  name: string;
  /** The name without its legal suffix ("Vahan Freight"). */
  base: string;
  suffix: string;
  domain: string;
  sector: Sector;
  industry: string;
  city: string;
}

/**
 * The key two invented names must not share: "Shreeji Logistics Private Limited" → "shreejilogistics" (every
 * LEGAL_TOKENS word dropped, spaces too). This is how the namer keeps its own inventions apart, not how the
 * product compares names (that is names/ `normalizeCompanyName`); changing it would change every seeded portal.
 */
export function inventedNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9& ]/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '' && !LEGAL_TOKENS.has(t))
    .join('');
}

export class CompanyNamer {
  private prefixes: string[] = [];
  private cursor = 0;
  private serial = 0;

  constructor(
    private readonly rng: Rng,
    private readonly takenNames: Set<string>,
    private readonly takenDomains: Set<string>,
  ) {}

  /** Claims a fixed name (showcase companies) so nothing invented later collides with it. */
  claim(name: string, domain: string | null): void {
    this.takenNames.add(inventedNameKey(name));
    if (domain) this.takenDomains.add(domain);
  }

  next(): InventedCompany {
    const rng = this.rng;
    for (let attempt = 0; ; attempt++) {
      const prefix = this.nextPrefix();
      const [core, sector, industry] = rng.pick(COMPANY_CORES);
      let parts = [prefix, core];
      if (attempt >= 6) parts = [rng.pick(COMPANY_QUALIFIERS), prefix, core];
      if (attempt >= 14) parts = [rng.pick(COMPANY_QUALIFIERS), prefix, rng.pick(CITIES), core];
      if (attempt >= 24) parts = [prefix, core, String(++this.serial)];
      const base = parts.join(' ');
      const key = inventedNameKey(base);
      if (this.takenNames.has(key)) continue;
      const domain = this.domainFor(parts);
      this.takenNames.add(key);
      this.takenDomains.add(domain);
      const suffix = rng.weighted(COMPANY_SUFFIXES);
      return {
        name: suffix ? `${base} ${suffix}` : base,
        base,
        suffix,
        domain,
        sector,
        industry,
        city: rng.pick(CITIES),
      };
    }
  }

  /** Prefixes are dealt from a shuffled deck so small portals rarely repeat a first word. */
  private nextPrefix(): string {
    if (this.cursor >= this.prefixes.length) {
      this.prefixes = this.rng.shuffle([...COMPANY_PREFIXES]);
      this.cursor = 0;
    }
    return this.prefixes[this.cursor++]!;
  }

  private domainFor(parts: string[]): string {
    const stem = slug(parts.join(''));
    let domain = `${stem}.example`;
    for (let n = 2; this.takenDomains.has(domain); n++) domain = `${stem}${n}.example`;
    return domain;
  }
}
