/** Types for situations.mjs (the eval portal builder the unit tests also use). */
export interface PortalSpec {
  key: string;
  name: string;
  asOf: string;
  stages: string[];
  owners: Array<{ id: string; firstName: string; lastName: string; email: string }>;
}
export type Touch = [
  daysAgo: number,
  kind: 'call' | 'email' | 'meeting' | 'note' | 'sl_sent' | 'sl_reply',
  contact: number | null,
  direction: 'in' | 'out',
  subject: string,
];
export interface Situation {
  name: string;
  owner: string;
  stage: number;
  amount: number;
  close: number;
  people: Array<[name: string, title: string, onDeal: boolean]>;
  other?: Array<[name: string, title: string, daysAgo: number]>;
  touches: Touch[];
  ahead: Array<[inDays: number, kind: 'meeting' | 'task', subject: string]>;
  expect: string;
  contact?: number | string;
  hard?: boolean;
  why: string;
}
export const DAY: number;
export const STAGE_IDS: string[];
export function build(
  p: PortalSpec,
  situations: Situation[],
  base: number,
): {
  portal: unknown;
  cases: Array<{ id: string; dealId: string; expect: { kind: string; contactId: string | null } }>;
};
