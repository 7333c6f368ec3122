/** The output schemas workflows name in `output:`; both drivers must produce one that validates. */
import { AgentError } from '../errors.js';
import { answer } from './answer.js';
import { callBrief } from './call-brief.js';
import { meetingBriefs } from './meeting-briefs.js';
import { complianceDigest } from './compliance-digest.js';
import { dealMomentum } from './deal-momentum.js';
import { dealRiskReport } from './deal-risk-report.js';
import { notificationPlan } from './notification-plan.js';
import type { OutputSpec } from './spec.js';

export const OUTPUTS: Readonly<Record<string, OutputSpec>> = {
  [complianceDigest.name]: complianceDigest as unknown as OutputSpec,
  [dealMomentum.name]: dealMomentum as unknown as OutputSpec,
  [dealRiskReport.name]: dealRiskReport as unknown as OutputSpec,
  [notificationPlan.name]: notificationPlan as unknown as OutputSpec,
  [answer.name]: answer as unknown as OutputSpec,
  [callBrief.name]: callBrief as unknown as OutputSpec,
  [meetingBriefs.name]: meetingBriefs as unknown as OutputSpec,
};

export const OUTPUT_NAMES = Object.keys(OUTPUTS);

export function outputSpec(name: string): OutputSpec {
  const spec = OUTPUTS[name];
  if (!spec) throw new AgentError(`unknown output schema "${name}"`, `Use one of: ${OUTPUT_NAMES.join(', ')}.`);
  return spec;
}

export { complianceDigestSchema, type ComplianceDigest } from './compliance-digest.js';
export { dealMomentumSchema, type DealMomentum } from './deal-momentum.js';
export { dealRiskReportSchema, type DealRiskReport } from './deal-risk-report.js';
export { notificationPlanSchema, type NotificationPlan } from './notification-plan.js';
export { answerSchema, type Answer } from './answer.js';
export { callBriefSchema, type CallBrief } from './call-brief.js';
export { meetingBriefsSchema, type MeetingBriefs } from './meeting-briefs.js';
export { untraceable } from './traceable.js';
export { citationSchema, type Citation } from './common.js';
export type { OutputSpec, RenderView } from './spec.js';
