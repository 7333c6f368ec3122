/**
 * The label people read for a check says what the check's rule is. missing_notes asks for a note from the middle
 * of each pipeline's open stages on (missingNotes.fromMiddleStage), so a POC deal (probability 0.4, category mid)
 * without notes is flagged, and the daily check must not call it "late".
 */
import { describe, expect, it } from 'vitest';
import { missingNotes } from '../../../src/analysis/checks/index.js';
import { CHECK_LABELS, renderFindings } from '../../../src/analysis/text/index.js';
import { AS_OF, contextOf, portal } from '../checks/portal.js';

describe('the missing_notes label', () => {
  it('names the rule that flagged a mid-pipeline deal', async () => {
    const input = portal()
      .deal({ id: '4004', stage: 'presentationscheduled' }) // POC: 3rd of 5 open stages, category mid
      .deal({ id: '4008', stage: 'qualifiedtobuy' }) // Demo Done: 2nd of 5, not required
      .build();
    const findings = missingNotes(await contextOf(input));
    expect(findings.map((f) => [f.objectId, f.evidence['category']])).toEqual([['4004', 'mid']]);

    const text = renderFindings({
      asOf: AS_OF,
      timezone: 'Asia/Kolkata',
      currency: 'INR',
      findings,
      isNew: () => true,
      ownerName: () => 'Asha',
      dealAmount: () => null,
      previousRunAsOf: null,
      maxRowsPerOwner: Infinity,
    });
    expect(CHECK_LABELS.missing_notes).toBe('No notes from mid-pipeline on');
    expect(text).toContain('1 no notes from mid-pipeline on');
    expect(text).toContain('No notes from mid-pipeline on');
    expect(text.toLowerCase()).not.toContain('late stage');
  });
});
