/** The small mobile-friendly pages the one-tap links open: the quick-log form and the answers. */
import type { DealView, FixForm } from './fix-form.js';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `body{margin:0;background:#f3f4f6;font:16px/1.45 -apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#111827}
main{max-width:480px;margin:0 auto;padding:16px;background:#fff;min-height:100vh;box-sizing:border-box}
h1{font-size:20px;margin:8px 0 12px}p{margin:0 0 12px}label{display:block;font-weight:600;margin:14px 0 6px}
select,textarea,input[type=text],input[type=date],input[type=number],button{width:100%;box-sizing:border-box;font:inherit;padding:12px;border:1px solid #d1d5db;border-radius:8px}
textarea{min-height:120px}fieldset{border:0;padding:0;margin:0}.kinds{display:flex;gap:8px;flex-wrap:wrap}
.kinds label{flex:1 1 40%;font-weight:500;border:1px solid #d1d5db;border-radius:8px;padding:10px;margin:0}
button{background:#1f6feb;color:#fff;border:0;font-weight:700;margin-top:18px}.muted{color:#6b7280;font-size:14px}
.lbl{font-weight:600;margin:14px 0 6px}.problems{margin:0 0 12px;padding-left:20px}.error{color:#b91c1c;font-weight:600}`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function messagePage(title: string, text: string, hint?: string): string {
  return page(title, `<h1>${esc(title)}</h1><p>${esc(text)}</p>${hint ? `<p class="muted">${esc(hint)}</p>` : ''}`);
}

/**
 * A second tap on Save while the first is still on its way would replace the answer page with "link already used"
 * (the first tap did save): the form submits once.
 */
const ONCE =
  "if(this.dataset.sent)return false;this.dataset.sent='1';var b=this.querySelector('button');b.disabled=true;b.textContent='Saving…'";

export interface QuickLogOptions {
  action: 'update_stage' | 'add_note';
  view: DealView;
  form: FixForm;
  /** Shown above the form when the last save was refused or failed. */
  error?: string | undefined;
  /** The values sent last time, to fill the form again after a refusal. */
  values?: URLSearchParams | undefined;
}

export function quickLogPage(o: QuickLogOptions): string {
  const { view: v, form: f } = o;
  const val = (k: string) => esc(o.values?.get(k) ?? '');
  const kinds: Array<[string, string]> = [
    ['note', 'Note'],
    ['call', 'Call'],
    ['meeting', 'Meeting'],
  ];
  const chosenKind = o.values?.get('kind') ?? 'note';
  const parts: string[] = [];
  if (f.closeDate) {
    parts.push(
      `<label for="closedate">New close date</label><input id="closedate" name="closedate" type="date" min="${v.today}" value="${val('closedate')}">`,
    );
  }
  if (f.amount) {
    parts.push(
      `<label for="amount">Amount (${v.currency === 'INR' ? '₹' : esc(v.currency)})</label><input id="amount" name="amount" type="number" inputmode="numeric" min="1" step="1" value="${val('amount')}" placeholder="e.g. 1500000">`,
    );
  }
  if (f.stage) {
    parts.push(
      `<label for="stage">Stage</label><select id="stage" name="stage"><option value="">Keep the current stage${v.stageLabel ? ` (${esc(v.stageLabel)})` : ''}</option>${v.stages
        .map(
          (s) =>
            `<option value="${esc(s.id)}"${s.id === v.stageId ? ' disabled' : ''}>${esc(s.label)}${s.id === v.stageId ? ' (now)' : ''}</option>`,
        )
        .join('')}</select>`,
    );
  }
  if (f.close) {
    parts.push(`<fieldset><legend class="lbl">Or close the deal</legend><div class="kinds">
<label><input type="radio" name="outcome" value="open" checked> Still open</label>
<label><input type="radio" name="outcome" value="won"> Won</label>
<label><input type="radio" name="outcome" value="lost"> Lost</label>
</div></fieldset>
<label for="reason">Why was it won or lost?</label><input id="reason" name="reason" type="text" maxlength="1000" value="${val('reason')}" placeholder="Only when closing it">`);
  }
  const problems = f.problems.length
    ? `<ul class="problems">${f.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`
    : '<p>This deal has nothing open right now; log anything new below.</p>';
  return page(
    `Quick log · ${v.label}`,
    `<h1>${esc(v.label)}</h1>
${problems}
${o.error ? `<p class="error" role="alert">${esc(o.error)}</p>` : ''}
<form method="post" onsubmit="${esc(ONCE)}">
${parts.join('\n')}
<fieldset><legend class="lbl">Log what happened</legend><div class="kinds">
${kinds.map(([val2, l]) => `<label><input type="radio" name="kind" value="${val2}"${val2 === chosenKind ? ' checked' : ''}> ${l}</label>`).join('\n')}
</div></fieldset>
<label for="body">What happened</label><textarea id="body" name="body" maxlength="5000" placeholder="e.g. Spoke to the CFO, PO expected next week">${val('body')}</textarea>
<label for="next">Next step</label><input id="next" name="next" type="text" maxlength="500" value="${val('next')}" placeholder="e.g. Send the revised quote">
<label for="nextDue">Next step due</label><input id="nextDue" name="nextDue" type="date" min="${v.today}" value="${val('nextDue')}">
<button type="submit">Save to HubSpot</button>
</form>
<p class="muted">Saved through sales-mis's audited write path, then checked again.</p>`,
  );
}

/** A page with one button that POSTs: opening a link (a mail scanner, a preview) never changes anything. */
export function confirmPage(title: string, text: string, button: string): string {
  return page(
    title,
    `<h1>${esc(title)}</h1><p>${esc(text)}</p><form method="post" onsubmit="${esc(ONCE)}"><button type="submit">${esc(button)}</button></form>`,
  );
}
