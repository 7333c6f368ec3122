/**
 * Turns designed deal situations into a sales-mis/portal@1 portal and the cases that go with it (the brief and
 * next-action evals, and the unit tests of src/assist, use it). See build.mjs for the situation format.
 */
export const DAY = 86_400_000;
export const STAGE_IDS = [
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  'decisionmakerboughtin',
  'contractsent',
  'closedwon',
  'closedlost',
];
const PROB = ['0.1', '0.3', '0.5', '0.7', '0.9', '1.0', '0.0'];

function iso(ms) {
  return new Date(ms).toISOString();
}

function slug(s) {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

export function build(p, situations, base) {
  const asOf = Date.parse(p.asOf);
  const at = (daysAgo) => asOf - daysAgo * DAY - 3 * 3_600_000; // mid-afternoon IST on that day
  const objects = { companies: [], contacts: [], deals: [], calls: [], emails: [], meetings: [], notes: [], tasks: [] };
  const associations = [];
  const assoc = (fromType, fromId, toType, toId) =>
    associations.push({ from: { type: fromType, id: fromId }, to: { type: toType, id: toId } });
  const smartlead = {
    campaigns: [{ id: base + 900, name: `${p.name} outbound`, status: 'ACTIVE', created_at: iso(asOf - 120 * DAY) }],
    leads: [],
    messages: [],
  };
  const history = {};
  const cases = [];
  let next = base;
  const id = () => String(++next);
  situations.forEach((s, i) => {
    const dealId = String(base * 10 + i + 1);
    const companyName = s.name.split(' - ')[0];
    const domain = `${slug(companyName)}.example`;
    const companyId = id();
    objects.companies.push({
      id: companyId,
      properties: { name: companyName, domain, createdate: iso(asOf - 90 * DAY) },
    });
    const contactIds = [];
    const person = (name, title) => {
      const cid = id();
      const [first, ...rest] = name.replace(/^Dr\. /, '').split(' ');
      objects.contacts.push({
        id: cid,
        properties: {
          firstname: name.startsWith('Dr. ') ? `Dr. ${first}` : first,
          lastname: rest.join(' '),
          email: `${slug(name.replace(/^Dr\. /, ''))}@${domain}`,
          jobtitle: title,
          createdate: iso(asOf - 80 * DAY),
        },
      });
      assoc('contacts', cid, 'companies', companyId);
      return cid;
    };
    for (const [name, title] of s.people) contactIds.push(person(name, title));
    const others = (s.other ?? []).map(([name, title, daysAgo]) => {
      const cid = person(name, title);
      const eid = id();
      objects.emails.push({
        id: eid,
        properties: {
          hs_timestamp: iso(at(daysAgo)),
          hs_email_direction: 'INCOMING_EMAIL',
          hs_email_subject: `Question on the ${companyName} evaluation`,
          hs_email_text: 'Please copy me on the commercials going forward.',
          hubspot_owner_id: s.owner,
        },
      });
      assoc('emails', eid, 'contacts', cid);
      return { cid, daysAgo, name, title };
    });
    const created = asOf - 60 * DAY;
    const stageId = STAGE_IDS[s.stage];
    objects.deals.push({
      id: dealId,
      properties: {
        dealname: s.name,
        amount: String(s.amount),
        dealstage: stageId,
        pipeline: 'default',
        closedate: iso(Date.parse(new Date(asOf + s.close * DAY).toISOString().slice(0, 10) + 'T00:00:00Z')),
        createdate: iso(created),
        hubspot_owner_id: s.owner,
        hs_lastmodifieddate: iso(asOf - DAY),
      },
      createdAt: iso(created),
      updatedAt: iso(asOf - DAY),
    });
    history[dealId] = {
      dealstage: [
        { value: stageId, timestamp: iso(created + 20 * DAY) },
        ...(s.stage > 0 ? [{ value: STAGE_IDS[0], timestamp: iso(created) }] : []),
      ],
    };
    if (s.stage === 0) history[dealId].dealstage = [{ value: stageId, timestamp: iso(created) }];
    assoc('deals', dealId, 'companies', companyId);
    for (const cid of contactIds) assoc('deals', dealId, 'contacts', cid);
    const touchRecords = [];
    for (const [daysAgo, kind, ci, dir, subject] of s.touches) {
      const cid = contactIds[ci];
      const t = at(daysAgo);
      if (kind === 'sl_sent' || kind === 'sl_reply') {
        const email = objects.contacts.find((c) => c.id === cid).properties.email;
        let lead = smartlead.leads.find((l) => l.lead.email === email);
        if (!lead) {
          lead = {
            campaign_id: base + 900,
            status: 'INPROGRESS',
            created_at: iso(t - 10 * DAY),
            lead: { id: Number(cid), email, first_name: null, last_name: null, company_name: companyName },
          };
          smartlead.leads.push(lead);
        }
        smartlead.messages.push({
          campaign_id: base + 900,
          lead_id: Number(cid),
          type: kind === 'sl_reply' ? 'REPLY' : 'SENT',
          time: iso(t),
          subject,
          email_body:
            kind === 'sl_reply'
              ? 'Could you share trial access for two more users?'
              : 'Sharing the summary we discussed.',
        });
        touchRecords.push({ daysAgo, t, kind, contactId: cid });
        continue;
      }
      const eid = id();
      const props = { hs_timestamp: iso(t), hubspot_owner_id: s.owner };
      if (kind === 'email')
        Object.assign(props, {
          hs_email_direction: dir === 'in' ? 'INCOMING_EMAIL' : 'EMAIL',
          hs_email_subject: subject,
          hs_email_text:
            dir === 'in' ? 'A quick question before we take this to our team.' : 'Please find the details attached.',
        });
      if (kind === 'call')
        Object.assign(props, {
          hs_call_direction: dir === 'in' ? 'INBOUND' : 'OUTBOUND',
          hs_call_title: subject,
          hs_call_body: `${subject}.`,
          hs_call_status: 'COMPLETED',
        });
      if (kind === 'meeting')
        Object.assign(props, {
          hs_meeting_title: subject,
          hs_meeting_body: `${subject}.`,
          hs_meeting_outcome: 'COMPLETED',
          hs_meeting_start_time: iso(t),
          hs_meeting_end_time: iso(t + 3_600_000),
        });
      if (kind === 'note') Object.assign(props, { hs_note_body: subject });
      objects[`${kind}s`].push({ id: eid, properties: props });
      assoc(`${kind}s`, eid, 'deals', dealId);
      if (cid) assoc(`${kind}s`, eid, 'contacts', cid);
      touchRecords.push({ daysAgo, t, kind, contactId: cid, id: eid });
    }
    for (const [inDays, kind, subject] of s.ahead) {
      const eid = id();
      const t = asOf + inDays * DAY;
      const props =
        kind === 'task'
          ? { hs_timestamp: iso(t), hs_task_subject: subject, hs_task_status: 'NOT_STARTED', hubspot_owner_id: s.owner }
          : {
              hs_timestamp: iso(t),
              hs_meeting_title: subject,
              hs_meeting_outcome: 'SCHEDULED',
              hs_meeting_start_time: iso(t),
              hs_meeting_end_time: iso(t + 3_600_000),
              hubspot_owner_id: s.owner,
            };
      objects[`${kind}s`].push({ id: eid, properties: props });
      assoc(`${kind}s`, eid, 'deals', dealId);
      assoc(`${kind}s`, eid, 'contacts', contactIds[0]);
    }
    // Expected facts, from the situation: what a brief of this deal must say.
    const newest = touchRecords.reduce((a, r) => (!a || r.t > a.t ? r : a), null);
    const quiet = s.people
      .map((pp, k) => ({ name: pp[0], k }))
      .filter(({ k }) => {
        const last = touchRecords
          .filter((r) => r.contactId === contactIds[k])
          .reduce((a, r) => Math.max(a, r.t), -Infinity);
        return last === -Infinity || (asOf - last) / DAY > 21;
      });
    const expectContact =
      s.contact === undefined
        ? null
        : String(s.contact).startsWith('other:')
          ? others[Number(String(s.contact).slice(6))].cid
          : contactIds[s.contact];
    cases.push({
      id: `${p.key}-${i + 1}`,
      portal: `portals/${p.key}.json`,
      dealId,
      description: `${s.name}: ${s.why}`,
      ...(s.hard ? { hard: true } : {}),
      expect: { kind: s.expect, contactId: expectContact },
      facts: {
        stage: p.stages[s.stage],
        amount: s.amount,
        closeDate: new Date(asOf + s.close * DAY).toISOString().slice(0, 10),
        ownerName:
          p.owners.find((o) => o.id === s.owner).firstName + ' ' + p.owners.find((o) => o.id === s.owner).lastName,
        peopleOnDeal: contactIds,
        singleThreaded: contactIds.length <= 1,
        newestTouchDay: newest ? new Date(newest.t + 5.5 * 3_600_000).toISOString().slice(0, 10) : null,
        quietPeople: quiet.map((q) => contactIds[q.k]),
      },
    });
  });
  const portal = {
    format: 'sales-mis/portal@1',
    portal: { name: p.name, currency: 'INR', timezone: 'Asia/Kolkata', asOf: p.asOf },
    owners: p.owners.map((o, k) => ({ ...o, userId: 9000 + base + k, archived: false })),
    managers: { [p.owners[1].id]: p.owners[0].id },
    pipelines: {
      deals: [
        {
          id: 'default',
          label: 'Sales Pipeline',
          displayOrder: 0,
          stages: p.stages.map((label, k) => ({
            id: STAGE_IDS[k],
            label,
            displayOrder: k,
            metadata: { probability: PROB[k], isClosed: k >= 5 ? 'true' : 'false' },
          })),
        },
      ],
    },
    objects,
    associations,
    propertyHistory: { deals: history },
    smartlead,
  };
  return { portal, cases };
}
