/**
 * A role word is a person at a customer ("who is the CFO?"), unless it qualifies an outreach noun, where it names an
 * audience ("the CFO campaign"): offline ask answers the second from SmartLead and refuses the first.
 */
import { describe, expect, it } from 'vitest';
import { needsModel } from '../../../src/agent/ask/question.js';

describe('role words in mis ask questions', () => {
  it('reads a role before an outreach noun as the audience', () => {
    for (const q of [
      'reply rate of the CFO campaign',
      'How are our VP of Sales sequences converting?',
      'open rate on the CTO outreach list this month',
      'bounces in the decision-maker cadence',
      'which Head of Ops persona campaign gets replies?',
    ])
      expect(needsModel(q), q).toBeNull();
  });

  it('still refuses questions about a person', () => {
    for (const q of [
      'who is the CFO at the account that replied to our campaign?',
      'who is the decision maker on this deal?',
      'has the CEO signed off?',
      'is the VP our champion?',
    ])
      expect(needsModel(q)?.reason, q).toBe('it asks about a person at a customer');
  });
});
