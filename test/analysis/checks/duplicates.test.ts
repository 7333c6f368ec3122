import { describe, expect, it } from 'vitest';
import { findingSchema } from '../../../src/analysis/index.js';
import { duplicateCompany, duplicateContact } from '../../../src/analysis/checks/index.js';
import { contextOf, daysAgo, portal } from './portal.js';

describe('duplicate_contact', () => {
  const input = () =>
    portal()
      .company({ id: '2001', name: 'Acme Pvt Ltd', domain: 'acme.example' })
      // Same email up to case and spaces: 3002 is newer → merge 3002 into 3001, high confidence.
      .contact({
        id: '3001',
        email: 'ravi.k@acme.example',
        first: 'Ravi',
        last: 'Kumar',
        company: '2001',
        createdAt: daysAgo(100),
        owner: '101',
      })
      .contact({
        id: '3002',
        email: ' RAVI.K@ACME.EXAMPLE',
        first: 'Ravi',
        last: 'K',
        company: '2001',
        createdAt: daysAgo(20),
      })
      // Same person under another address at the same company → medium.
      .contact({
        id: '3003',
        email: 'meena.shah@acme.example',
        first: 'Meena',
        last: 'Shah',
        company: '2001',
        createdAt: daysAgo(90),
        owner: '102',
      })
      .contact({
        id: '3004',
        email: 'mshah@acme.example',
        first: ' meena ',
        last: 'SHAH',
        company: '2001',
        createdAt: daysAgo(10),
      })
      // Same name, different companies → not a duplicate.
      .company({ id: '2002', name: 'Beta Ltd', domain: 'beta.example' })
      .contact({
        id: '3005',
        email: 'meena.shah@beta.example',
        first: 'Meena',
        last: 'Shah',
        company: '2002',
        createdAt: daysAgo(5),
      })
      // Gmail dots and +tags are the same mailbox.
      .contact({ id: '3006', email: 'arjun.rao@gmail.com', first: 'Arjun', last: 'Rao', createdAt: daysAgo(50) })
      .contact({ id: '3007', email: 'arjunrao+events@gmail.com', first: 'A', last: 'Rao', createdAt: daysAgo(40) })
      .build();

  it('finds the newer record of each pair with confidence and matched keys', async () => {
    const f = duplicateContact(await contextOf(input()));
    for (const x of f) findingSchema.parse(x);
    const byId = new Map(f.map((x) => [x.objectId, x]));
    expect([...byId.keys()].sort()).toEqual(['3002', '3004', '3007']);
    expect(byId.get('3002')!.evidence).toMatchObject({
      duplicateOf: '3001',
      confidence: 'high',
      matchedKeys: ['email'],
      automaticMerge: false,
    });
    expect(byId.get('3002')!.ownerId).toBe('101'); // the newer record has no owner: the older one's
    expect(byId.get('3002')!.severity).toBe('medium');
    expect(byId.get('3004')!.evidence).toMatchObject({
      duplicateOf: '3003',
      confidence: 'medium',
      matchedKeys: ['company', 'name'],
    });
    expect(byId.get('3004')!.severity).toBe('low');
    expect(byId.get('3007')!.evidence).toMatchObject({ duplicateOf: '3006', confidence: 'high' });
    expect(byId.get('3002')!.summary).toContain('Possible duplicate of Ravi Kumar (contact 3001; same email');
    expect(byId.get('3002')!.summary).toContain('review, then merge this newer record into it in HubSpot');
  });
});

describe('duplicate_company', () => {
  const input = () =>
    portal()
      // Same domain, legal form spelled differently: high; 2002 is newer → merges into 2001.
      .company({
        id: '2001',
        name: 'Shreeji Logistics Pvt Ltd',
        domain: 'shreejilogistics.example',
        createdAt: daysAgo(200),
        owner: '101',
      })
      .company({
        id: '2002',
        name: 'Shreeji Logistics Private Limited',
        domain: 'www.shreejilogistics.example',
        createdAt: daysAgo(30),
      })
      // Same normalised name, one without a domain: medium.
      .company({ id: '2003', name: 'Vahan Freight Pvt Ltd', domain: 'vahanfreight.example', createdAt: daysAgo(150) })
      .company({ id: '2004', name: 'Vahan Freight', createdAt: daysAgo(20) })
      // Similar but different companies with their own domains: must NOT be high (nor medium).
      .company({
        id: '2005',
        name: 'Shreeji Logistic Solutions Pvt Ltd',
        domain: 'shreejisolutions.example',
        createdAt: daysAgo(100),
      })
      .company({
        id: '2006',
        name: 'Vahan Freight Carriers LLP',
        domain: 'vahancarriers.example',
        createdAt: daysAgo(100),
      })
      // A near-identical name (one letter) without a domain: low (1 edit over 16 → 0.9375 ≥ 0.9).
      .company({ id: '2007', name: 'Forace Logistics', domain: 'forace.example', createdAt: daysAgo(120) })
      .company({ id: '2008', name: 'Forace Logistcs', createdAt: daysAgo(10) })
      // An abbreviation is the same name (src/names reads "Engg" as "Engineering"): medium.
      .company({ id: '2017', name: 'Raj Engineering Works', domain: 'rajeng.example', createdAt: daysAgo(200) })
      .company({ id: '2018', name: 'Raj Engg Works Pvt Ltd', createdAt: daysAgo(5) })
      // One letter apart (0.92) but each on its own domain: two companies, no finding.
      .company({ id: '2013', name: 'Param Freight', domain: 'paramfreight.example', createdAt: daysAgo(90) })
      .company({ id: '2014', name: 'Parag Freight', domain: 'paragfreight.example', createdAt: daysAgo(80) })
      // Numbered sites are different places: no finding.
      .company({ id: '2009', name: 'Apex Warehousing 1', domain: 'apex1.example', createdAt: daysAgo(60) })
      .company({ id: '2010', name: 'Apex Warehousing 2', domain: 'apex2.example', createdAt: daysAgo(50) })
      // "Southern" is not a typo of "Northern" (2 edits over 23 characters would be 0.91): no finding.
      .company({ id: '2015', name: 'Northern Thar Roadlines Pvt Ltd', createdAt: daysAgo(70) })
      .company({
        id: '2016',
        name: 'Southern Thar Roadlines Pvt Ltd',
        domain: 'southernthar.example',
        createdAt: daysAgo(60),
      })
      // Shared webmail domain says nothing.
      .company({ id: '2011', name: 'Sharma Traders', domain: 'gmail.com', createdAt: daysAgo(60) })
      .company({ id: '2012', name: 'Gupta Agencies', domain: 'gmail.com', createdAt: daysAgo(50) })
      .build();

  it('bands matches by domain, legal name and similarity', async () => {
    const f = duplicateCompany(await contextOf(input()));
    for (const x of f) findingSchema.parse(x);
    const byId = new Map(f.map((x) => [x.objectId, x]));
    expect([...byId.keys()].sort()).toEqual(['2002', '2004', '2008', '2018']);
    expect(byId.get('2018')!.evidence).toMatchObject({
      duplicateOf: '2017',
      confidence: 'medium',
      matchedKeys: ['name'],
    });
    expect(byId.get('2002')!.evidence).toMatchObject({
      duplicateOf: '2001',
      confidence: 'high',
      matchedKeys: ['domain', 'name'],
    });
    expect(byId.get('2002')!.ownerId).toBe('101');
    expect(byId.get('2004')!.evidence).toMatchObject({
      duplicateOf: '2003',
      confidence: 'medium',
      matchedKeys: ['name'],
    });
    expect(byId.get('2008')!.evidence).toMatchObject({
      duplicateOf: '2007',
      confidence: 'low',
      matchedKeys: ['similar_name'],
      similarity: 0.938,
    });
    for (const id of ['2005', '2006', '2009', '2010', '2011', '2012', '2013', '2014', '2015', '2016'])
      expect(byId.has(id), id).toBe(false);
  });

  it('keeps similar-name matches above the configured similarity only', async () => {
    const f = duplicateCompany(await contextOf(input(), { duplicates: { minNameSimilarity: 0.95 } }));
    expect(f.map((x) => x.objectId).sort()).toEqual(['2002', '2004', '2018']);
  });
});
