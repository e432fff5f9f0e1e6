import fs from 'node:fs';
import path from 'node:path';
import type { Score } from './measure.ts';
import type { SimulationResult } from './run.ts';

/** The targets (issue 17): per threat, and for honest refunds and good merchants. */
export const TARGETS = { precision: 0.9, recall: 0.8, honestAutomatic: 0.8, goodMerchantPenalties: 0 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** Grouped horizontal bars: precision and recall per threat, with the target lines. */
export function precisionRecallSvg(threats: Score[]): string {
  const rowH = 34;
  const left = 330;
  const width = 820;
  const plotW = width - left - 50;
  const height = 50 + threats.length * rowH + 30;
  const x = (v: number) => left + v * plotW;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    '<title>Precision and recall per threat</title>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">Precision and recall per threat</text>`,
    `<rect x="${left}" y="28" width="10" height="10" fill="#2b6cb0"/><text x="${left + 14}" y="37">precision</text>`,
    `<rect x="${left + 90}" y="28" width="10" height="10" fill="#dd6b20"/><text x="${left + 104}" y="37">recall</text>`,
  ];
  for (const t of [0, 0.5, 0.8, 0.9, 1]) {
    const dash = t === 0.8 || t === 0.9 ? ' stroke-dasharray="4 3"' : '';
    const colour = t === 0.8 ? '#dd6b20' : t === 0.9 ? '#2b6cb0' : '#ccc';
    parts.push(
      `<line x1="${x(t)}" y1="45" x2="${x(t)}" y2="${height - 25}" stroke="${colour}"${dash}/>`,
      `<text x="${x(t)}" y="${height - 10}" text-anchor="middle">${t}</text>`,
    );
  }
  threats.forEach((t, i) => {
    const y = 50 + i * rowH;
    parts.push(`<text x="${left - 8}" y="${y + 17}" text-anchor="end">${esc(t.threat)}</text>`);
    const bar = (v: number | null, dy: number, colour: string) => {
      if (v === null) return `<text x="${left + 4}" y="${y + dy + 10}" fill="#888">n/a</text>`;
      return `<rect x="${left}" y="${y + dy}" width="${Math.max(1, v * plotW)}" height="12" fill="${colour}"/><text x="${x(v) + 4}" y="${y + dy + 10}">${v.toFixed(2)}</text>`;
    };
    parts.push(bar(t.precision, 2, '#2b6cb0'), bar(t.recall, 16, '#dd6b20'));
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Vertical bars with labels: one series. */
export function barsSvg(title: string, bars: { label: string; value: number }[], unit: string): string {
  const width = 720;
  const height = 300;
  const top = 40;
  const bottom = 70;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (width - 60) / Math.max(1, bars.length);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<line x1="40" y1="${top + plotH}" x2="${width - 10}" y2="${top + plotH}" stroke="#999"/>`,
  ];
  bars.forEach((b, i) => {
    const h = (b.value / max) * plotH;
    const x = 50 + i * slot;
    parts.push(
      `<rect x="${x}" y="${top + plotH - h}" width="${slot * 0.7}" height="${h}" fill="#4a5568"/>`,
      `<text x="${x + slot * 0.35}" y="${top + plotH - h - 4}" text-anchor="middle">${b.value}${esc(unit)}</text>`,
      `<text x="${x + slot * 0.35}" y="${top + plotH + 16}" text-anchor="middle" font-size="11">${esc(b.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export interface Summary {
  days: number;
  seed: number;
  ms: number;
  orders: number;
  requests: number;
  calls: number;
  threats: Record<string, { precision: number | null; recall: number | null; positives: number }>;
  honestAutomaticShare: number | null;
  medianHoursToRefund: number | null;
  abuseLossYuan: number;
  goodMerchantViolations: number;
  goodMerchantPenalties: number;
}

export function summarise(result: SimulationResult): Summary {
  const f = result.figures;
  return {
    days: result.days,
    seed: result.seed,
    ms: result.ms,
    orders: f.orders,
    requests: f.requests,
    calls: result.calls,
    threats: Object.fromEntries(
      f.threats.map((t) => [t.threat, { precision: t.precision, recall: t.recall, positives: t.positives }]),
    ),
    honestAutomaticShare: f.honestRefunds.automaticShare,
    medianHoursToRefund: f.honestRefunds.medianHoursToRefund,
    abuseLossYuan: f.abuseLosses.goodsKeptYuan,
    goodMerchantViolations: f.goodMerchants.violations,
    goodMerchantPenalties: Object.values(f.goodMerchants.penalties).reduce((a, b) => a + b, 0),
  };
}

/** Writes report.md and its SVG charts into `dir`; returns the summary and the lines for stdout. */
export function writeReport(dir: string, result: SimulationResult): { summary: Summary; lines: string[] } {
  const f = result.figures;
  const summary = summarise(result);
  fs.writeFileSync(path.join(dir, 'precision-recall.svg'), precisionRecallSvg(f.threats));
  fs.writeFileSync(
    path.join(dir, 'honest-refunds.svg'),
    barsSvg(
      'Honest after-sales requests decided within the request, by type (%)',
      Object.entries(f.honestRefunds.byType).map(([label, v]) => ({
        label: `${label} (${v.requests})`,
        value: Math.round((v.automatic / Math.max(1, v.requests)) * 100),
      })),
      '%',
    ),
  );
  const met = (t: Score) =>
    t.precision !== null &&
    t.recall !== null &&
    t.precision >= TARGETS.precision &&
    t.recall >= TARGETS.recall
      ? 'met'
      : 'not met';
  const goodPenalties = summary.goodMerchantPenalties;
  const md: string[] = [
    '# Marketplace simulator report',
    '',
    `Run: ${result.days} simulated days, seed ${result.seed}, ${f.orders} orders, ${f.requests} after-sales requests, ${f.texts} texts, ${f.listings} listings submitted, ${result.calls} HTTP calls; ${(result.ms / 1000).toFixed(0)} s of wall time.`,
    'Agents act through the real HTTP API of an app built in-process on a manual clock (1 h steps, the deadlines run after each); the figures are read from the platform database at the end against the agents’ ground truth (product rules §6.4).',
    '',
    '## Threats: precision and recall',
    '',
    `Targets (issue 17): precision ≥ ${TARGETS.precision} and recall ≥ ${TARGETS.recall} per threat.`,
    '',
    '![precision and recall](precision-recall.svg)',
    '',
    '| threat | unit | the platform acted when | positives | negatives | TP | FP | precision | recall | target |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...f.threats.map(
      (t) =>
        `| ${t.threat} | ${t.unit} | ${t.detected} | ${t.positives} | ${t.negatives} | ${t.truePositives} | ${t.falsePositives} | ${num(t.precision)} | ${num(t.recall)} | ${met(t)} |`,
    ),
    '',
    'Precision = acted-on positives ÷ everything acted on among the positives and the honest negatives of the same unit (other threats’ agents are left out of both); recall = acted-on positives ÷ positives.',
    '',
    '## Honest refunds',
    '',
    `- Honest buyers opened ${f.honestRefunds.requests} after-sales requests; ${f.honestRefunds.automatic} (${pct(f.honestRefunds.automaticShare)}) were decided automatically within the request (target ≥ ${pct(TARGETS.honestAutomatic)}).`,
    `- ${f.honestRefunds.refunded} were refunded; median time from the request to the refund ${f.honestRefunds.medianHoursToRefund ?? '—'} h of simulated time (90th percentile ${f.honestRefunds.p90HoursToRefund ?? '—'} h).`,
    '',
    '![honest refunds by type](honest-refunds.svg)',
    '',
    '| request type | requests | decided within the request |',
    '|---|---:|---:|',
    ...Object.entries(f.honestRefunds.byType).map(
      ([k, v]) => `| ${k} | ${v.requests} | ${v.automatic} (${pct(v.automatic / Math.max(1, v.requests))}) |`,
    ),
    '',
    '## Merchants’ losses to abuse',
    '',
    `- ${f.abuseLosses.abusiveRequests} abusive requests, ${f.abuseLosses.abusiveRefunded} of them refunded.`,
    `- Refunds where the goods stayed with the abuser (仅退款): ¥${f.abuseLosses.goodsKeptYuan.toFixed(2)}.`,
    `- Refunds on abusive returns (goods came back): ¥${f.abuseLosses.returnedYuan.toFixed(2)}; return shipping paid on them: merchants ¥${f.abuseLosses.returnFreightYuan.merchant.toFixed(2)}, platform (freight insurance) ¥${f.abuseLosses.returnFreightYuan.platform.toFixed(2)}.`,
    '',
    '## Penalties on good merchants',
    '',
    `- ${f.goodMerchants.shops} good shops: ${f.goodMerchants.violations} governance violations, ${f.goodMerchants.points} points, penalties ${JSON.stringify(f.goodMerchants.penalties)} (target: none) — ${goodPenalties === 0 && f.goodMerchants.violations === 0 ? 'met' : 'not met'}.`,
    `- Compensation they paid buyers under the platform's rules (late shipment and the like, not a penalty): ¥${f.goodMerchants.compensationYuan.toFixed(2)}.`,
    '',
    '## The trust engine’s decisions in the run',
    '',
    '| checkpoint | allow | review | block |',
    '|---|---:|---:|---:|',
    ...Object.entries(f.decisions).map(
      ([k, v]) => `| ${k} | ${v.allow ?? 0} | ${v.review ?? 0} | ${v.block ?? 0} |`,
    ),
    '',
    `Open review cases at the end: ${f.casesOpen}.`,
    '',
    '## Texts the platform got wrong (distinct, as written)',
    '',
    'Honest texts it held or blocked (false positives) and threats it let through (misses): the material for the screening work.',
    '',
    '| where | truth | outcome | text |',
    '|---|---|---|---|',
    ...f.examples
      .sort((a, b) => `${a.kind}${a.truth}${a.text}`.localeCompare(`${b.kind}${b.truth}${b.text}`))
      .map((e) => `| ${e.kind} | ${e.truth} | ${e.outcome} | ${esc(e.text).replace(/\|/g, '\\|')} |`),
    '',
    '## Calls the platform refused',
    '',
    '| call → answer | count | first answer |',
    '|---|---:|---|',
    ...result.refusals
      .slice(0, 25)
      .map(([k, v]) => `| ${esc(k)} | ${v} | ${esc(result.samples.get(k) ?? '').replace(/\|/g, '\\|')} |`),
    '',
    '## Orders refused at checkout, by agent role',
    '',
    ...[...result.ledger.ordersRefused.entries()].map(([k, v]) => `- ${k}: ${v}`),
    '',
  ];
  fs.writeFileSync(path.join(dir, 'report.md'), md.join('\n'));
  const lines = [
    `simulated ${result.days} days (seed ${result.seed}) in ${(result.ms / 1000).toFixed(0)} s: ${f.orders} orders, ${f.requests} after-sales requests, ${result.calls} calls`,
    ...f.threats.map(
      (t) =>
        `  ${t.threat.padEnd(48)} precision ${num(t.precision)}  recall ${num(t.recall)}  (${t.truePositives}/${t.positives}, FP ${t.falsePositives})`,
    ),
    `  honest requests decided within the request: ${pct(f.honestRefunds.automaticShare)} of ${f.honestRefunds.requests}; median time to refund ${f.honestRefunds.medianHoursToRefund ?? '—'} h`,
    `  merchants' losses to abuse (goods kept): ¥${f.abuseLosses.goodsKeptYuan.toFixed(2)}`,
    `  good merchants: ${f.goodMerchants.violations} violations, penalties ${JSON.stringify(f.goodMerchants.penalties)}`,
    `  report: ${path.join(dir, 'report.md')}`,
  ];
  return { summary, lines };
}
