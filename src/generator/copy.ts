/**
 * What AEs write in HubSpot, by deal stage. Early-stage copy (Discovery, Demo Done, POC) never talks about
 * proposals, pricing or contracts, and no copy names a competitor: those words appear only where a problem is
 * planted, so a check that finds them finds the plant.
 */

export interface CopyContext {
  company: string;
  first: string;
  product: string;
  city: string;
  owner: string;
  /** A size the customer quoted: vehicles, docks, users. */
  n: number;
  hub: string;
  lane: string;
}

type Line = (c: CopyContext) => string;
type Pair = readonly [Line, Line];

export type StageKey =
  | 'discovery'
  | 'demo'
  | 'poc'
  | 'proposal'
  | 'shortlisted'
  | 'negotiation'
  | 'won'
  | 'lost'
  | 'renewal'
  | 'renewalWon'
  | 'renewalLost';

export interface StageCopy {
  calls: readonly Pair[];
  emailsOut: readonly Pair[];
  emailsIn: readonly Pair[];
  meetings: readonly Pair[];
  notes: readonly Line[];
  tasks: readonly Pair[];
  /** Future tasks and meetings: the deal's next activity. */
  next: readonly Pair[];
}

const generic = {
  emailsOut: [
    [
      (c) => `Checking in - ${c.company}`,
      (c) =>
        `Hi ${c.first}, checking in on where things stand on your side. Happy to help with anything you need for the internal review.`,
    ],
    [
      () => `Quick update from our side`,
      (c) =>
        `Hi ${c.first}, sharing a short note on what we covered and the open points. Let me know if I missed anything.`,
    ],
  ] as readonly Pair[],
  emailsIn: [
    [() => `Re: Checking in`, (c) => `Thanks for following up. Will revert early next week. - ${c.first}`],
    [
      () => `Re: Quick update from our side`,
      (c) => `Noted, thanks. Looping in my colleague from the ops team. - ${c.first}`,
    ],
  ] as readonly Pair[],
  callsOut: [
    [
      (c) => `Follow-up call - ${c.first}`,
      (c) => `Quick check-in with ${c.first}. Internal review ongoing, will revert this week.`,
    ],
    [(c) => `Call with ${c.first}`, () => 'No answer, left a voicemail and sent a WhatsApp.'],
  ] as readonly Pair[],
  tasks: [
    [(c) => `Follow up with ${c.first}`, (c) => `Check status with ${c.first} at ${c.company}.`],
    [(c) => `Update deal notes - ${c.company}`, () => 'Capture the latest from the customer call.'],
  ] as readonly Pair[],
};

export const COPY: Record<StageKey, StageCopy> = {
  discovery: {
    calls: [
      [
        (c) => `Discovery call - ${c.company}`,
        (c) =>
          `Spoke to ${c.first}. Runs ~${c.n} trucks through transporters out of ${c.city}. Today it is Excel plus WhatsApp updates from drivers. Pain: no live ETA, detention charges piling up. Next: demo for the ops team.`,
      ],
      [
        (c) => `Intro call with ${c.first}`,
        (c) =>
          `${c.first} handles dispatch for the ${c.hub}. Interested in live tracking and ePOD. Wants to see the transporter app.`,
      ],
      ...generic.callsOut,
    ],
    emailsOut: [
      [
        (c) => `Great speaking today - ${c.company} x Demo Logistics`,
        (c) =>
          `Hi ${c.first}, thanks for your time today. As discussed, sharing a short deck on how shippers get live visibility across transporters. Would Tuesday or Wednesday work for a demo with your ops team?`,
      ],
      [
        () => 'Demo slot for your ops team',
        (c) =>
          `Hi ${c.first}, following up on our chat about the ${c.lane} lane. Happy to run a 45 min demo of the ${c.product} for your team - let me know a slot.`,
      ],
      ...generic.emailsOut,
    ],
    emailsIn: [
      [
        () => 'Re: Demo slot for your ops team',
        (c) => `Hi, Wednesday 3pm works. I will add our logistics head and the ${c.hub} in-charge. - ${c.first}`,
      ],
      [
        () => `Re: Great speaking today`,
        (c) => `Thanks. Please also include how drivers without smartphones are handled. Regards, ${c.first}`,
      ],
      ...generic.emailsIn,
    ],
    meetings: [
      [
        (c) => `Intro meeting - ${c.company}`,
        (c) =>
          `Understood the current dispatch flow: orders from SAP, indents to ${c.n} transporters over phone. ${c.first} wants one screen for in-transit status.`,
      ],
    ],
    notes: [
      (c) =>
        `${c.first} is the champion, reports to the COO. Decision will involve ops, finance and IT. Orders live in SAP.`,
      (c) =>
        `Key pain is ETA visibility on the ${c.lane} lane and manual detention tracking. About ${c.n} trucks a day at peak.`,
    ],
    tasks: [
      [(c) => `Book demo with ${c.first}`, (c) => `Send calendar invite for the ${c.product} demo.`],
      ...generic.tasks,
    ],
    next: [
      [(c) => `Demo for ${c.company} ops team`, (c) => `Show control tower and transporter app to ${c.first}'s team.`],
      [(c) => `Call ${c.first} to confirm demo attendees`, () => 'Confirm who joins from ops and IT.'],
    ],
  },
  demo: {
    calls: [
      [
        (c) => `Post-demo check-in - ${c.company}`,
        (c) => `${c.first} says ops head is keen. IT wants the API docs and SAP connector details before a pilot.`,
      ],
      ...generic.callsOut,
    ],
    emailsOut: [
      [
        () => `Demo recording and next steps`,
        (c) =>
          `Hi ${c.first}, sharing the demo recording and the SAP integration note. Let me know a good time to scope a pilot on 2-3 lanes.`,
      ],
      [
        (c) => `${c.product} - API documentation`,
        (c) =>
          `Hi ${c.first}, as requested, here are the API docs and a sample payload for trip creation. Our solutions engineer can join a call with your IT team.`,
      ],
      ...generic.emailsOut,
    ],
    emailsIn: [
      [
        () => `Re: Demo recording and next steps`,
        (c) => `Thanks, the team liked the control tower view. IT will review the docs this week. - ${c.first}`,
      ],
      ...generic.emailsIn,
    ],
    meetings: [
      [
        (c) => `Product demo - ${c.product} - ${c.company}`,
        (c) =>
          `Demo to ${c.first} and the ops team (6 people). Liked the control tower and ePOD. Questions on SAP integration and transporter onboarding.`,
      ],
      [
        (c) => `Technical deep-dive with ${c.company} IT`,
        () => 'Walked through the APIs, SSO and data retention. IT comfortable, wants a sandbox login.',
      ],
    ],
    notes: [
      (c) =>
        `Demo went well. Ops head very keen; IT concerned about the SAP connector timeline. ${c.first} to push for a pilot.`,
      (c) => `Pilot candidates: ${c.lane} and two lanes out of the ${c.hub}.`,
    ],
    tasks: [
      [(c) => `Send SAP integration doc to ${c.first}`, () => 'Attach connector spec and sample payloads.'],
      ...generic.tasks,
    ],
    next: [
      [
        (c) => `Pilot scoping call - ${c.company}`,
        (c) => `Agree lanes, vehicles and success criteria with ${c.first}.`,
      ],
      [(c) => `Share sandbox login with ${c.company} IT`, () => 'Create sandbox users for the IT team.'],
    ],
  },
  poc: {
    calls: [
      [
        (c) => `POC check-in - ${c.company}`,
        (c) =>
          `Tracking coverage at 92% this week. Three transporters yet to install the driver app; ${c.first} will nudge them.`,
      ],
      ...generic.callsOut,
    ],
    emailsOut: [
      [
        () => `POC weekly summary`,
        (c) =>
          `Hi ${c.first}, this week's pilot summary: ${c.n} trips tracked, ETA accuracy 88%, two geofence alerts at the ${c.hub}. Full dashboard link inside.`,
      ],
      [
        () => `Driver app training - this Thursday`,
        (c) =>
          `Hi ${c.first}, we will run a 30 min driver app training for the transporters at the ${c.hub} on Thursday.`,
      ],
      ...generic.emailsOut,
    ],
    emailsIn: [
      [() => `Re: POC weekly summary`, (c) => `Looks good. Can we add the ${c.lane} lane from next week? - ${c.first}`],
      ...generic.emailsIn,
    ],
    meetings: [
      [
        (c) => `POC kickoff - ${c.company}`,
        (c) =>
          `Agreed pilot scope: ${c.n} vehicles on the ${c.lane} lane for 4 weeks. Success criteria: 95% trip tracking and ETA accuracy within 2 hours.`,
      ],
      [
        (c) => `POC review - ${c.company}`,
        (c) => `Mid-pilot review with ${c.first}. Coverage improving, ops team using the alerts daily.`,
      ],
    ],
    notes: [
      () => `POC on track. Driver app adoption is the main gap; training session planned at the hub.`,
      (c) => `${c.first} shared pilot feedback: dispatchers like the exception alerts, want Hindi in the driver app.`,
    ],
    tasks: [
      [(c) => `Share POC dashboard access with ${c.first}`, () => 'Create viewer logins for the ops team.'],
      ...generic.tasks,
    ],
    next: [
      [
        (c) => `POC closure review - ${c.company}`,
        (c) => `Review pilot results against success criteria with ${c.first}.`,
      ],
      [(c) => `Weekly POC sync - ${c.company}`, () => 'Go through coverage and open issues.'],
    ],
  },
  proposal: {
    calls: [
      [
        (c) => `Proposal walkthrough - ${c.company}`,
        (c) =>
          `Walked ${c.first} and finance through the proposal. Finance wants annual billing and a 3-year price lock.`,
      ],
      ...generic.callsOut,
    ],
    emailsOut: [
      [
        (c) => `Proposal - ${c.product} for ${c.company}`,
        (c) =>
          `Hi ${c.first}, please find attached our proposal with commercials for ${c.n} vehicles, including implementation and training. Happy to walk your finance team through it.`,
      ],
      [
        () => `Following up on the proposal`,
        (c) => `Hi ${c.first}, checking if finance had a chance to review the proposal. Any questions I can answer?`,
      ],
      ...generic.emailsOut,
    ],
    emailsIn: [
      [
        () => `Re: Proposal`,
        (c) => `Thanks, reviewing internally. Finance may ask for a discount on the annual fee. - ${c.first}`,
      ],
      ...generic.emailsIn,
    ],
    meetings: [
      [
        (c) => `Proposal review - ${c.company}`,
        (c) =>
          `Went through pricing tiers with ${c.first} and procurement. They are comparing per-vehicle and per-trip pricing.`,
      ],
    ],
    notes: [
      (c) => `Proposal shared. ${c.first} expects procurement to take two weeks. CFO wants a 3-year price lock.`,
      () => `Finance asked for per-trip pricing as an alternative; sent both options.`,
    ],
    tasks: [
      [(c) => `Follow up on proposal with ${c.first}`, () => 'Check if finance has questions.'],
      ...generic.tasks,
    ],
    next: [
      [(c) => `Proposal follow-up - ${c.company}`, (c) => `Call ${c.first} for feedback from finance.`],
      [(c) => `Procurement call - ${c.company}`, () => 'Answer vendor registration and pricing questions.'],
    ],
  },
  shortlisted: {
    calls: [
      [
        (c) => `Reference call set-up - ${c.company}`,
        (c) => `${c.first} wants to speak to an existing customer in a similar business. Arranging a call.`,
      ],
      ...generic.callsOut,
    ],
    emailsOut: [
      [
        () => `Reference customer contact`,
        (c) =>
          `Hi ${c.first}, as promised, connecting you with the logistics head of one of our customers for a reference call.`,
      ],
      [
        () => `Final presentation - agenda`,
        (c) => `Hi ${c.first}, sharing the agenda for the final presentation to your leadership panel.`,
      ],
      ...generic.emailsOut,
    ],
    emailsIn: [
      [() => `Re: Final presentation - agenda`, (c) => `Works for us. Our COO and CFO will join. - ${c.first}`],
      ...generic.emailsIn,
    ],
    meetings: [
      [
        (c) => `Final round presentation - ${c.company}`,
        () =>
          `We are in the final 2. Presented to the CXO panel; strong response on the transporter network. Reference call requested.`,
      ],
      [
        (c) => `Site visit - ${c.company} ${c.hub}`,
        (c) => `Visited the ${c.hub} with ${c.first}. Saw the dispatch desk; confirmed the rollout plan for phase 1.`,
      ],
    ],
    notes: [
      (c) =>
        `Shortlisted with one other vendor. Procurement runs the final comparison; decision expected in 2-3 weeks. ${c.first} is backing us.`,
      () => `CFO wants a clear rollout plan and a reference in a similar industry before approval.`,
    ],
    tasks: [
      [(c) => `Arrange reference call for ${c.company}`, () => 'Check availability with a reference customer.'],
      ...generic.tasks,
    ],
    next: [
      [(c) => `Decision call with ${c.first}`, () => 'Confirm the decision timeline.'],
      [(c) => `Final presentation - ${c.company}`, () => 'Present rollout plan to the leadership panel.'],
    ],
  },
  negotiation: {
    calls: [
      [
        (c) => `Negotiation call - ${c.company} procurement`,
        () => `Procurement pushing for 10% off and 60-day payment terms. Offered 6% on a 2-year term.`,
      ],
      ...generic.callsOut,
    ],
    emailsOut: [
      [
        () => `Revised commercials and MSA draft`,
        (c) =>
          `Hi ${c.first}, attaching the revised commercials and the MSA draft. We can offer 6% off on a 2-year commitment.`,
      ],
      [
        () => `MSA - redlines`,
        (c) => `Hi ${c.first}, our legal team has accepted most of the redlines; two clauses on liability are open.`,
      ],
      ...generic.emailsOut,
    ],
    emailsIn: [
      [
        () => `Re: MSA draft`,
        (c) => `Legal has a few comments on the liability clause. Will revert by Friday. - ${c.first}`,
      ],
      ...generic.emailsIn,
    ],
    meetings: [
      [
        (c) => `Commercial negotiation - ${c.company}`,
        (c) => `Met ${c.first} and procurement. Agreed on scope; payment terms and the SLA credits still open.`,
      ],
    ],
    notes: [
      (c) => `Procurement asking for 10% off. Legal reviewing the MSA. ${c.first} expects the PO once legal signs off.`,
      () => `Contract in legal review. Only the liability cap is open.`,
    ],
    tasks: [[() => `Send redlined MSA to legal`, () => 'Get the liability clause reviewed.'], ...generic.tasks],
    next: [
      [(c) => `Close MSA redlines with ${c.company}`, () => 'Call with both legal teams.'],
      [(c) => `Chase PO with ${c.first}`, () => 'Check the PO release status.'],
    ],
  },
  won: {
    calls: [[(c) => `Thank-you call - ${c.first}`, () => 'Thanked the team; kickoff date agreed.']],
    emailsOut: [
      [
        () => `Welcome aboard - implementation kickoff`,
        (c) =>
          `Hi ${c.first}, thank you for choosing us. Our implementation lead will reach out to schedule the kickoff.`,
      ],
    ],
    emailsIn: [
      [() => `PO attached`, (c) => `Please find the PO attached. Looking forward to the rollout. - ${c.first}`],
    ],
    meetings: [[(c) => `Implementation kickoff - ${c.company}`, () => 'Handover to the implementation team.']],
    notes: [(c) => `Closed won. PO received from ${c.company}. Handover to implementation scheduled.`],
    tasks: [[() => `Handover to implementation`, () => 'Share account notes with the implementation lead.']],
    next: [],
  },
  lost: {
    calls: [[(c) => `Closure call - ${c.first}`, () => 'They have decided not to go ahead for now.']],
    emailsOut: [
      [
        () => `Thank you`,
        (c) => `Hi ${c.first}, thanks for considering us. Happy to reconnect when the timing is right.`,
      ],
    ],
    emailsIn: [[() => `Re: Next steps`, () => 'We have decided to put this on hold for now. Will reach out later.']],
    meetings: [[() => `Closure meeting`, () => 'Debrief on why the deal did not go ahead.']],
    notes: [(c) => `Closed lost. ${c.first} says the project is not going ahead this year. Revisit next FY.`],
    tasks: [[(c) => `Set reminder to reconnect with ${c.company}`, () => 'Reconnect next financial year.']],
    next: [],
  },
  renewal: {
    calls: [
      [
        (c) => `Renewal check-in - ${c.company}`,
        (c) => `Usage healthy: ${c.n} active users. ${c.first} expects the renewal to go through.`,
      ],
      ...generic.callsOut,
    ],
    emailsOut: [
      [
        (c) => `Renewal for FY27 - ${c.company}`,
        (c) => `Hi ${c.first}, sharing the renewal quote for next year along with the usage summary.`,
      ],
    ],
    emailsIn: [[() => `Re: Renewal for FY27`, (c) => `Thanks, will take it to finance this week. - ${c.first}`]],
    meetings: [[(c) => `QBR - ${c.company}`, () => 'Quarterly review: adoption up, two feature requests logged.']],
    notes: [(c) => `Renewal due. ${c.first} happy with adoption; wants two more user licences.`],
    tasks: [[(c) => `Send renewal quote to ${c.first}`, () => 'Include usage summary.'], ...generic.tasks],
    next: [
      [(c) => `Renewal follow-up - ${c.company}`, (c) => `Check renewal approval with ${c.first}.`],
      [(c) => `QBR - ${c.company}`, () => 'Quarterly business review.'],
    ],
  },
  renewalWon: {
    calls: [],
    emailsOut: [[() => `Renewal confirmed`, (c) => `Hi ${c.first}, thanks for renewing for another year.`]],
    emailsIn: [[() => `Renewal PO`, () => 'PO for the renewal attached.']],
    meetings: [],
    notes: [(c) => `Renewed. ${c.company} signed for another year.`],
    tasks: [],
    next: [],
  },
  renewalLost: {
    calls: [],
    emailsOut: [],
    emailsIn: [[() => `Re: Renewal`, () => 'We will not be renewing this year.']],
    meetings: [],
    notes: [(c) => `Churned. ${c.company} is not renewing.`],
    tasks: [],
    next: [],
  },
};

/** Planted: a note naming a competitor. Worded per stage so early-stage deals still say nothing about pricing. */
export function competitorNote(c: CopyContext, competitor: string, early: boolean): string {
  return early
    ? `${c.first} mentioned they had a demo from ${competitor} last month and are evaluating them in parallel. Need to show our transporter network.`
    : `${c.first} says ${competitor} has come in lower on per-vehicle pricing. We need to defend on implementation time and the transporter network.`;
}

/** Planted: an early-stage deal whose logged email or meeting says a proposal/contract went out. */
export const MISMATCH_EMAIL: Pair = [
  (c) => `Proposal and commercials - ${c.company}`,
  (c) =>
    `Hi ${c.first}, as discussed, attaching our proposal and commercials for ${c.n} vehicles. The contract draft will follow once you confirm the scope.`,
];
export const MISMATCH_MEETING: Pair = [
  (c) => `Proposal discussion - ${c.company}`,
  (c) =>
    `Walked ${c.first} through the proposal and the contract draft. They want to sign this month if pricing is approved.`,
];
