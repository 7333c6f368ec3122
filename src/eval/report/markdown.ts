/** The markdown report written to evals/reports/ (for a PR comment or a CI artifact). */
import type { EvalRun } from '../run.js';
import { worstCases } from '../run.js';
import { metricCell } from './text.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(run: EvalRun): string {
  const out: string[] = [
    `# Eval report`,
    '',
    `${run.ok ? '**PASS**' : `**FAIL** (${run.failures.length})`} · ${run.startedAt} · drivers: ${run.drivers.join(', ')} · ${(run.ms / 1000).toFixed(1)} s`,
  ];
  for (const s of run.suites) {
    out.push('', `## ${s.suite}`, '', s.description, '');
    const names = (s.drivers[0]?.metrics ?? []).map((m) => m.scorer);
    out.push(
      `| scorer | ${s.drivers.map((d) => `${d.driver} | pass`).join(' | ')} | min |`,
      `|---|${s.drivers.map(() => '---|---').join('|')}|---|`,
    );
    for (const n of names) {
      const cells = s.drivers.map((d) => {
        const m = d.metrics.find((x) => x.scorer === n);
        return `${metricCell(m)}${m?.belowThreshold ? ' ✗' : ''} | ${m && m.value !== null ? `${m.passed}/${m.scored}` : '—'}`;
      });
      out.push(
        `| ${n} | ${cells.join(' | ')} | ${s.drivers[0]?.metrics.find((x) => x.scorer === n)?.threshold.toFixed(2)} |`,
      );
    }
    for (const f of s.firstShots ?? [])
      out.push(
        '',
        `First shot of batch ${f.batch} (${f.date}, ${f.cases} cases, before tuning): ${Object.entries(f.metrics)
          .map(([k, v]) => `${k} ${v === null ? '—' : v.toFixed(2)}`)
          .join(' · ')}${f.note ? ` — ${esc(f.note)}` : ''}`,
      );
    for (const d of s.drivers) {
      if (d.skipped) {
        out.push('', `*${d.driver}: ${d.skipped}*`);
        continue;
      }
      const worst = worstCases(d, 5);
      if (worst.length)
        out.push(
          '',
          `Worst cases (${d.driver}):`,
          '',
          ...worst.map((w) => `- \`${w.caseId}\` · ${w.scorer} ${w.score.toFixed(2)}: ${esc(w.reason)}`),
        );
    }
  }
  const c = run.comparison;
  out.push(
    '',
    '## Baseline',
    '',
    c.baseline === 'absent'
      ? 'No baseline yet.'
      : `${c.compared} metrics compared, tolerance ${c.tolerance}: ${c.regressions.length} regression(s), ${c.improvements.length} improvement(s), ${c.unbaselined.length} not baselined.`,
  );
  for (const r of c.regressions)
    out.push(
      `- ${r.suite} · ${r.driver} · ${r.metric}: ${r.baseline.toFixed(2)} → ${r.current === null ? 'missing' : r.current.toFixed(2)}`,
    );
  if (run.failures.length) out.push('', '## Failures', '', ...run.failures.map((f) => `- ${esc(f)}`));
  return `${out.join('\n')}\n`;
}
