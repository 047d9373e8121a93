import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EMOTIONS } from '../../electron/shared/domain';
import type { ComparisonReport } from './compare';
import { confusionPng } from './confusion-png';
import { confusionCsv, type ClassificationReport } from './metrics';

const pct = (r: ClassificationReport | null, key: 'accuracy' | 'macroF1' = 'accuracy'): string => (r ? `${(100 * r[key]).toFixed(1)}` : '–');

/** The comparison as a Markdown table (also what `npm run ml:compare` prints). */
export function comparisonTable(report: ComparisonReport): string {
  const head = '| model | RAVDESS unseen actors, wideband acc / F1 | telephone acc / F1 | per-fold acc (wideband) | TESS cross-speaker wide / tel acc | train s |';
  const lines = [head, '| --- | --- | --- | --- | --- | --- |'];
  for (const r of report.rows) {
    lines.push(`| ${r.model} | ${pct(r.wide)} / ${pct(r.wide, 'macroF1')} | ${pct(r.tel)} / ${pct(r.tel, 'macroF1')} | ${r.foldAccuracy.map((a) => (100 * a).toFixed(0)).join(' ')} | ${pct(r.tessWide)} / ${pct(r.tessTel)} | ${r.trainSeconds.toFixed(0)} |`);
  }
  if (report.random.length) {
    lines.push('', '| model | random split protocol | acc | macro-F1 |', '| --- | --- | --- | --- |');
    for (const r of report.random) lines.push(`| ${r.model} | ${r.protocol} | ${pct(r.report)} | ${pct(r.report, 'macroF1')} |`);
  }
  return lines.join('\n') + '\n';
}

export async function writeConfusion(dir: string, name: string, title: string, report: ClassificationReport): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, `${name}.csv`), confusionCsv(report.confusion, EMOTIONS));
  await fs.writeFile(path.join(dir, `${name}.png`), confusionPng(report.confusion, EMOTIONS, title));
}

const slug = (s: string): string => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();

/** comparison.md, comparison.json and a confusion matrix (CSV + PNG) per model and condition. */
export async function writeComparison(dir: string, report: ComparisonReport): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'comparison.md'), comparisonTable(report));
  const compact = { ...report, rows: report.rows.map((r) => ({ ...r, wide: r.wide && { ...r.wide }, tel: r.tel && { ...r.tel } })) };
  await fs.writeFile(path.join(dir, 'comparison.json'), JSON.stringify(compact, null, 1) + '\n');
  for (const r of report.rows) {
    if (r.wide) await writeConfusion(path.join(dir, 'confusion'), `${slug(r.model)}-wideband`, `${r.model}, unseen actors, wideband`, r.wide);
    if (r.tel) await writeConfusion(path.join(dir, 'confusion'), `${slug(r.model)}-telephone`, `${r.model}, unseen actors, telephone`, r.tel);
  }
}
