/** The small mobile-friendly pages the one-tap links open: the quick-log form and the answers. */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `body{margin:0;background:#f3f4f6;font:16px/1.45 -apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#111827}
main{max-width:480px;margin:0 auto;padding:16px;background:#fff;min-height:100vh;box-sizing:border-box}
h1{font-size:20px;margin:8px 0 12px}p{margin:0 0 12px}label{display:block;font-weight:600;margin:14px 0 6px}
select,textarea,button{width:100%;box-sizing:border-box;font:inherit;padding:12px;border:1px solid #d1d5db;border-radius:8px}
textarea{min-height:120px}fieldset{border:0;padding:0;margin:0}.kinds{display:flex;gap:8px;flex-wrap:wrap}
.kinds label{flex:1 1 40%;font-weight:500;border:1px solid #d1d5db;border-radius:8px;padding:10px;margin:0}
button{background:#1f6feb;color:#fff;border:0;font-weight:700;margin-top:18px}.muted{color:#6b7280;font-size:14px}`;

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
const ONCE = "if(this.dataset.sent)return false;this.dataset.sent='1';var b=this.querySelector('button');b.disabled=true;b.textContent='Saving…'";

export interface QuickLogForm {
  action: 'update_stage' | 'add_note';
  dealLabel: string;
  stages: ReadonlyArray<{ id: string; label: string }>;
  currentStageId: string | null;
}

export function quickLogPage(f: QuickLogForm): string {
  const kinds: Array<[string, string]> = [
    ['note', 'Note'],
    ['call', 'Call'],
    ['meeting', 'Meeting'],
  ];
  const stageSelect = f.stages.length
    ? `<label for="stage">Stage</label><select id="stage" name="stage"><option value="">Keep the current stage</option>${f.stages
        .map((s) => `<option value="${esc(s.id)}"${f.action === 'update_stage' && s.id === f.currentStageId ? ' disabled' : ''}>${esc(s.label)}${s.id === f.currentStageId ? ' (now)' : ''}</option>`)
        .join('')}</select>`
    : '';
  return page(
    `Quick log · ${f.dealLabel}`,
    `<h1>${esc(f.dealLabel)}</h1>
<form method="post" onsubmit="${esc(ONCE)}">
<fieldset><legend class="muted">Log what happened${f.action === 'update_stage' ? ' (optional)' : ''}</legend><div class="kinds">
${kinds.map(([v, l]) => `<label><input type="radio" name="kind" value="${v}"${v === 'note' ? ' checked' : ''}> ${l}</label>`).join('\n')}
</div></fieldset>
<label for="body">What happened / next step</label><textarea id="body" name="body" maxlength="5000" placeholder="e.g. Spoke to the CFO, PO expected next week"></textarea>
${stageSelect}
<button type="submit">Save to HubSpot</button>
</form>
<p class="muted">Saved through sales-mis's audited write path. This link works once.</p>`,
  );
}
