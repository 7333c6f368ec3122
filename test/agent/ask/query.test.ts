/** The typed query behind an offline question, parsed with a portal's own vocabulary (owners, stage labels). */
import { describe, expect, it } from 'vitest';
import { findStages, parseQuery, type StageRef } from '../../../src/agent/ask/query.js';
import type { OwnerRef } from '../../../src/agent/ask/subject.js';

const owners: OwnerRef[] = [
  { id: '71217', name: 'Asha Rao', email: 'asha.rao@demo-logistics.example' },
  { id: '71234', name: 'Rohit Malhotra', email: 'rohit.malhotra@demo-logistics.example' },
  { id: '71251', name: 'Karan Mehta', email: 'karan.mehta@demo-logistics.example' },
];
const stage = (id: string, label: string, isClosed = false, isWon = false): StageRef => ({
  id,
  label,
  isClosed,
  isWon,
});
const stages = [
  stage('appointmentscheduled', 'Discovery'),
  stage('qualifiedtobuy', 'Demo Done'),
  stage('presentationscheduled', 'POC / Pilot'),
  stage('183741920', 'Proposal Sent'),
  stage('decisionmakerboughtin', 'Shortlisted / Final 2'),
  stage('contractsent', 'Negotiation / Contract'),
  stage('closedwon', 'Closed Won', true, true),
  stage('closedlost', 'Closed Lost', true, false),
];
const pc = { asOf: Date.parse('2026-11-20T18:00:00+05:30'), timezone: 'Asia/Kolkata', fiscalYearStartMonth: 4 };
const parse = (q: string) => parseQuery(q, { owners, stages }, pc);
const topic = (q: string) => {
  const x = parse(q);
  return x.refusal ? x.refusal.kind : x.topic!.kind === 'report' ? x.topic!.intent.id : x.topic!.kind;
};

describe('findStages', () => {
  it('finds stages by whole label, by a part of a label, and by a distinctive first word', () => {
    expect(findStages('deals in Proposal Sent', stages).map((s) => s.id)).toEqual(['183741920']);
    expect(findStages('what is in POC / Pilot', stages).map((s) => s.id)).toEqual(['presentationscheduled']);
    expect(findStages('anything in pilot?', stages).map((s) => s.id)).toEqual(['presentationscheduled']);
    expect(findStages('deals in negotiation', stages).map((s) => s.id)).toEqual(['contractsent']);
    expect(findStages('how many deals in demo done', stages).map((s) => s.id)).toEqual(['qualifiedtobuy']);
    expect(findStages('which deals are at risk?', stages)).toEqual([]);
  });
});

describe('parseQuery', () => {
  it('keeps every constraint of a deal question', () => {
    const q = parse("Which of Rohit's deals over 20 lakh in Proposal Sent close this quarter?");
    expect(q.topic).toEqual({ kind: 'deals' });
    expect(q.filters.owner?.id).toBe('71234');
    expect(q.filters.amount).toMatchObject({ above: 2_000_000 });
    expect(q.filters.stages?.map((s) => s.label)).toEqual(['Proposal Sent']);
    expect(q.filters.period).toMatchObject({ unit: 'quarter', offset: 0, field: 'close' });
  });

  it('names owners by first name, full name, email or id', () => {
    expect(parse('What is Karan closing this month?').filters.owner?.id).toBe('71251');
    expect(parse('Which deals is Rohit Malhotra closing this quarter?').filters.owner?.id).toBe('71234');
    expect(parse('How many deals does karan.mehta@demo-logistics.example have in POC / Pilot?').filters.owner?.id).toBe(
      '71251',
    );
    expect(parse('deals of owner 71234 closing next month').filters.owner?.id).toBe('71234');
  });

  it('reads won, lost and created questions as such', () => {
    expect(parse('What did we win last quarter?').filters).toMatchObject({
      status: 'won',
      period: { offset: -1, unit: 'quarter' },
    });
    expect(parse('Which deals did we lose this quarter?').filters.status).toBe('lost');
    expect(parse('What new deals came in this month?').filters.period?.field).toBe('created');
    expect(parse('Which deals are past their close date?').filters.period).toMatchObject({ from: 0, to: pc.asOf });
  });

  it('"who has the most/least …" ranks the AEs by count or by amount', () => {
    expect(parse('Who has the most open deals?').rank).toEqual({ by: 'count', order: 'most' });
    expect(parse('Who has the least open pipeline?').rank).toEqual({ by: 'amount', order: 'least' });
    expect(parse('Who has the most open deals above 50 lakh?').rank).toEqual({ by: 'count', order: 'most' });
    expect(parse('Who closed the most business last quarter?')).toMatchObject({
      rank: { by: 'amount', order: 'most' },
      filters: { status: 'won' },
    });
    expect(parse('Which deals close this month?').rank).toBeNull();
  });

  it('maps manager questions to the report or answer that fits them', () => {
    expect(topic('How healthy is our pipeline?')).toBe('health');
    expect(topic("How does Rohit's pipeline look?")).toBe('health');
    expect(topic("What's our forecast for this quarter?")).toBe('forecast');
    expect(topic("Who's behind this week?")).toBe('scorecard');
    expect(topic('Is Asha covered for the quarter?')).toBe('coverage');
    expect(topic('Anything move in the pipeline this week?')).toBe('momentum');
    expect(topic("What's at risk this quarter?")).toBe('at-risk');
    expect(topic('What did Asha say about Navkar Express?')).toBe('said');
    expect(topic('what is our win rate this quarter?')).toBe('win-loss');
  });

  it('refuses what offline cannot answer, and says when a request is out of scope', () => {
    expect(topic('What did the customer say about pricing at Vahan Freight?')).toBe('needs-model');
    expect(topic('Show me the leads waterfall for this month')).toBe('needs-model');
    expect(topic('What is the MQL to SQL conversion by campaign?')).toBe('needs-model');
    expect(topic("What's the weather in Mumbai tomorrow?")).toBe('out-of-scope');
    expect(topic('Send the weekly report to Meera')).toBe('out-of-scope');
    expect(topic("What's stuck?")).toBe('needs-model');
    expect(topic('Draft a follow-up email to the buyer at Tirupati Home Stores')).toBe('needs-model');
  });
});
