/** Legal forms live in names/: the display name drops a trailing one, and the matcher ignores the same forms. */
import { describe, expect, it } from 'vitest';
import { normalizeCompanyName, withoutLegalForm } from '../../src/names/index.js';

describe('withoutLegalForm', () => {
  it('drops one trailing legal form, however it is written', () => {
    expect(withoutLegalForm('Navkar Express Pvt. Ltd.')).toBe('Navkar Express');
    expect(withoutLegalForm('Navkar Express Private Limited')).toBe('Navkar Express');
    expect(withoutLegalForm('Rann Cables LLP')).toBe('Rann Cables');
    expect(withoutLegalForm('Shah & Co')).toBe('Shah');
    expect(withoutLegalForm('Private Roadlines')).toBe('Private Roadlines');
    expect(withoutLegalForm('Forace Group')).toBe('Forace Group');
  });

  it('leaves a name the matcher reads as the same company', () => {
    for (const name of ['Navkar Express Pvt. Ltd.', 'Vahan Freight Private Limited', 'Rann Cables LLP', 'Acme Inc.'])
      expect(normalizeCompanyName(withoutLegalForm(name))).toBe(normalizeCompanyName(name));
  });
});
