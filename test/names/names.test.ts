/** The one name matcher duplicate detection, reconcile and ask share (src/names). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  editDistance,
  nameScore,
  nameSimilarity,
  nameTokens,
  normalizeCompanyName,
  normalizeDomain,
  normalizeEmail,
  typoApart,
} from '../../src/names/index.js';

describe('normalisation', () => {
  it('folds company legal forms, punctuation, case and "&"', () => {
    expect(normalizeCompanyName('Shreeji Logistics Pvt Ltd')).toBe('shreeji logistics');
    expect(normalizeCompanyName('Shreeji Logistics Private Limited')).toBe('shreeji logistics');
    expect(normalizeCompanyName('SHREEJI LOGISTICS PVT. LTD.')).toBe('shreeji logistics');
    expect(normalizeCompanyName('Shreeji Logistics (P) Ltd')).toBe('shreeji logistics');
    expect(normalizeCompanyName('Shah & Sons LLP')).toBe('shah and sons');
    expect(normalizeCompanyName('Shah and Sons')).toBe('shah and sons');
    expect(normalizeCompanyName('Mehta & Co')).toBe('mehta');
    expect(normalizeCompanyName('The Forace Group')).toBe('forace');
  });
  it('normalises domains and emails', () => {
    expect(normalizeDomain('https://www.Forace.example/about')).toBe('forace.example');
    expect(normalizeDomain('forace')).toBeNull();
    expect(normalizeEmail(' Ravi.K@Acme.Example ')).toBe('ravi.k@acme.example');
    expect(normalizeEmail('r.a.v.i+crm@googlemail.com')).toBe('ravi@gmail.com');
    expect(normalizeEmail('not-an-email')).toBeNull();
  });
  it('scores name similarity by tokens or edit distance', () => {
    // "vahan freight" vs "vahan frieght": one swap of neighbours = 1 edit over 13 characters → 1 − 1/13 ≈ 0.923.
    expect(nameSimilarity('vahan freight', 'vahan frieght').levenshtein).toBeCloseTo(1 - 1 / 13, 5);
    // "forace logistics" vs "forace logistic": 1 edit over 16 → 0.9375.
    expect(nameSimilarity('forace logistics', 'forace logistic').similarity).toBeCloseTo(0.9375, 5);
    // Same words in another order: Jaccard 1.
    expect(nameSimilarity('logistics shreeji', 'shreeji logistics').jaccard).toBe(1);
    // Typos word for word (a swap of neighbours is one typo), not a different word.
    expect(typoApart('vahan frieght', 'vahan freight')).toBe(true);
    expect(typoApart('forace logistic', 'forace logistics')).toBe(true);
    expect(typoApart('shree ganesh', 'shreeganesh')).toBe(true);
    expect(typoApart('southern thar roadlines', 'northern thar roadlines')).toBe(false);
  });
});

describe('one reading of a company name', () => {
  it('gives duplicate detection and mention matching the same words', () => {
    // Abbreviations and legal forms read the same way by both: "Engg" = "Engineering", "Pvt Ltd" = "Private Limited".
    const a = 'Raj Engg Works Pvt Ltd';
    const b = 'Raj Engineering Works Private Limited';
    expect(normalizeCompanyName(a)).toBe('raj engineering works');
    expect(normalizeCompanyName(b)).toBe('raj engineering works');
    expect(nameTokens(a)).toEqual(['raj', 'engineering', 'works']);
    expect(nameTokens(b)).toEqual(nameTokens(a));
    // "Corp" is a legal form for both.
    expect(normalizeCompanyName('Indus Corp')).toBe('indus');
    expect(nameTokens('Indus Corp')).toEqual(['indus']);
  });
  it('keeps letters of any script', () => {
    expect(normalizeCompanyName('श्री गणेश ट्रांसपोर्ट Pvt Ltd')).toBe('श्री गणेश ट्रांसपोर्ट');
  });
  it('scores written words against a name: all words found, the first word aligned scores highest', () => {
    const name = nameTokens('Navkar Express LLP');
    expect(nameScore(['navkar'], name)).toBeCloseTo(1 * (0.7 + 0.3 * 0.5), 5);
    // A later word only: × 0.85.
    expect(nameScore(['express'], name)).toBeCloseTo(0.85 * (0.7 + 0.3 * 0.5), 5);
    expect(nameScore(['sunrise'], name)).toBe(0);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('freight', 'frieght')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('banded: the exact distance when it is within the bound, else bound + 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(6), (a, b, max) => {
        const full = editDistance(a, b);
        expect(editDistance(a, b, max)).toBe(full <= max ? full : max + 1);
        expect(editDistance(b, a)).toBe(full);
      }),
      { numRuns: 500 },
    );
  });
});
