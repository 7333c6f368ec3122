/** The scorecard for people: one table per suite (drivers side by side), worst cases with reasons, the baseline. */
import { renderTable } from '../../format/index.js';
import type { Metric } from '../results.js';
import { worstCases, type EvalRun } from '../run.js';

export function metricCell(m: Metric | undefined): string {
  if (!m) return '—';
  if (m.value === null) return 'skipped';
  const v = m.value.toFixed(2);
  return m.precision !== undefined ? `${v} (P ${m.precision.toFixed(2)} R ${m.recall!.toFixed(2)})` : v;
}

export function renderScorecard(run: EvalRun): string {
  const out: string[] = [];
  out.push(`Eval scorecard · ${run.startedAt} · drivers: ${run.drivers.join(', ')} · ${(run.ms / 1000).toFixed(1)} s`);
  for (const s of run.suites) {
    const ran = s.drivers.find((d) => !d.skipped);
    const cases = ran?.cases.length ?? 0;
    out.push('', `${s.suite} — ${s.description} (${cases} case${cases === 1 ? '' : 's'})`);
    for (const d of s.drivers) if (d.skipped) out.push(`  ${d.driver}: ${d.skipped}`);
    const names = (s.drivers[0]?.metrics ?? []).map((m) => m.scorer);
    const headers = ['scorer', ...s.drivers.flatMap((d) => [d.driver, 'pass']), 'min'];
    const rows = names.map((n) => {
      const cells: string[] = [n];
      for (const d of s.drivers) {
        const m = d.metrics.find((x) => x.scorer === n);
        const flag = m?.belowThreshold ? ' ✗' : '';
        cells.push(metricCell(m) + flag, m && m.value !== null ? `${m.passed}/${m.scored}` : '—');
      }
      cells.push(`≥ ${(s.drivers[0]?.metrics.find((x) => x.scorer === n)?.threshold ?? 0).toFixed(2)}`);
      return cells;
    });
    out.push(
      renderTable(
        headers.map((h) => ({ header: h, align: 'left' as const })),
        rows,
      ),
    );
    for (const f of s.firstShots ?? [])
      out.push(
        `  first shot of batch ${f.batch} (${f.date}, ${f.cases} cases, before tuning): ${Object.entries(f.metrics)
          .map(([k, v]) => `${k} ${v === null ? '—' : v.toFixed(2)}`)
          .join(' · ')}${f.note ? ` — ${f.note}` : ''}`,
      );
    for (const d of s.drivers) {
      if (d.skipped) continue;
      const worst = worstCases(d);
      if (!worst.length) {
        out.push(`  worst cases (${d.driver}): none — every scorer passed with score 1 on every case`);
        continue;
      }
      out.push(`  worst cases (${d.driver}):`);
      for (const w of worst) out.push(`    ${w.caseId} · ${w.scorer} ${w.score.toFixed(2)}: ${w.reason}`);
    }
  }
  out.push('');
  const c = run.comparison;
  if (c.baseline === 'absent')
    out.push('baseline: none yet (evals/baseline.json); accept this run with `mis eval --update-baseline`');
  else if (!c.regressions.length)
    out.push(`baseline: no regression (${c.compared} metrics compared, tolerance ${c.tolerance})`);
  else
    out.push(
      `baseline: ${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'} beyond ${c.tolerance}:`,
      ...c.regressions.map(
        (r) =>
          `  ${r.suite} · ${r.driver} · ${r.metric}: ${r.baseline.toFixed(2)} → ${r.current === null ? 'missing' : r.current.toFixed(2)}`,
      ),
    );
  if (c.improvements.length)
    out.push(
      `improved beyond the tolerance: ${c.improvements.map((r) => `${r.suite} ${r.metric} ${r.baseline.toFixed(2)} → ${r.current.toFixed(2)}`).join('; ')} (accept with --update-baseline)`,
    );
  if (c.unbaselined.length)
    out.push(`not in the baseline yet: ${c.unbaselined.length} metric(s) (accept with --update-baseline)`);
  out.push(run.ok ? 'PASS' : `FAIL: ${run.failures.length} problem${run.failures.length === 1 ? '' : 's'}`);
  for (const f of run.failures.slice(0, 20)) out.push(`  ${f}`);
  return out.join('\n');
}
