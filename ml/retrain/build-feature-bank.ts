/**
 * Builds `feature-bank.bin` (see feature-bank.ts) from the corpora (RAVDESS, TESS's training share,
 * Emo-DB, URDU): every utterance in the two
 * test conditions (wideband, telephone band), pooled as the model pools a window. Features come
 * from ml/train's cache, extracted first where missing.
 *
 *   npx tsx ml/retrain/build-feature-bank.ts [--datasets DIR] [--out resources/model/feature-bank.bin]
 *        [--validation A09,A10,A19,A20] [--exclude A05,A06] [--validation-unseen] [--call-windows F[,F…]]
 *
 * `--call-windows` adds the call windows the party head trained on (scripts/call-windows.ts): each
 * labelled window of a training voice's party, grouped by its party in its call (`callRows`), so
 * retraining replays windows as the call path cuts them beside the clips, with each party's
 * statistics over its call. Validation and excluded voices' parties are left out.
 *
 * `--validation-unseen` states that the model shipped beside the bank never trained on the
 * validation speakers (the shipped model trains on all of them: the default says it did).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FEATURE_SPEC } from '../dsp';
import { POOLED_DIM, POOLING_VERSION } from '../model/pooling';
import { EMOTIONS } from '../../electron/shared/domain';
import { buildBank } from '../train/bank';
import { CALL_LABEL_DEFAULTS, readCallParties, windowLabel, type CallParty } from '../train/call-rows';
import { MANIFESTS, readCorpora } from '../train/corpora';
import type { Utterance } from '../train/manifest';
import { datasetRoot, REPO_ROOT } from '../train/paths';
import { inTessShare } from '../train/protocol';
import { writeFeatureBank, type BaseRow } from './feature-bank';

/** Two male and two female RAVDESS actors (the ML engineer's fold 5), never trained on by retraining. */
export const DEFAULT_VALIDATION_SPEAKERS = ['A09', 'A10', 'A19', 'A20'];
export const BANK_VARIANTS = ['clean', 'tel'] as const;
export const BANK_FILE = 'feature-bank.bin';

export interface BuildBankOptions {
  datasets?: string;
  out: string;
  validationSpeakers?: readonly string[];
  excludeSpeakers?: readonly string[];
  validationSeenByShipped?: boolean;
  /** Manifests of the corpora folder to read (default: manifest.csv and manifest-more.csv). */
  manifests?: readonly string[];
  /** Call windows' parties (scripts/call-windows.ts) to add as rows of their own party groups. */
  callParties?: readonly CallParty[];
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Base rows of `items` in the bank's conditions, from ml/train's feature cache. */
export async function corpusRows(items: readonly Utterance[], options: { workers?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<BaseRow[]> {
  const bank = await buildBank(items, () => BANK_VARIANTS, { workers: options.workers, onExtract: options.onProgress });
  const rows: BaseRow[] = [];
  for (const item of items) {
    for (const variant of BANK_VARIANTS) {
      const sample = bank.source(item, variant);
      if (sample) rows.push({ pooled: sample.pooled, label: item.label, speaker: item.speaker, variant });
    }
  }
  return rows;
}

/** The variant (group) of one call party's rows: `call-N`, N its place among the parties. */
export const CALL_VARIANT_PREFIX = 'call-';

/**
 * Base rows of call parties: each window labelled as the party head's call rows label it
 * (windowLabel, the shipped defaults), in a group of its own party (speaker|call-N), so the party's
 * statistics in retraining come from its windows in that call (labelled ones only: the bank keeps no unlabelled rows).
 */
export function callRows(parties: readonly CallParty[], skipSpeakers: ReadonlySet<string>): BaseRow[] {
  const rows: BaseRow[] = [];
  parties.forEach((p, n) => {
    if (skipSpeakers.has(p.speaker)) return;
    p.windows.forEach((w, i) => {
      const label = windowLabel(p.overlap[i], w.end - w.start, CALL_LABEL_DEFAULTS);
      if (label >= 0) rows.push({ pooled: Float32Array.from(p.pooled[i]), label, speaker: p.speaker, variant: `${CALL_VARIANT_PREFIX}${n}` });
    });
  });
  return rows;
}

export async function buildFeatureBank(options: BuildBankOptions): Promise<{ rows: number; speakers: number }> {
  const root = datasetRoot(options.datasets);
  const excluded = new Set(options.excludeSpeakers ?? []);
  // All four corpora as the party head trains on them: TESS by its training share only.
  const items = (await readCorpora(options.datasets, options.manifests)).filter((u) => !excluded.has(u.speaker) && (u.corpus !== 'tess' || inTessShare(u)));
  const clipRows = await corpusRows(items, options);
  const speakers = [...new Map(items.map((u) => [u.speaker, { id: u.speaker, corpus: u.corpus, gender: u.gender }])).values()];
  const validation = (options.validationSpeakers ?? DEFAULT_VALIDATION_SPEAKERS).filter((s) => speakers.some((k) => k.id === s));
  const calls = options.callParties ?? [];
  const unknown = calls.find((p) => !speakers.some((k) => k.id === p.speaker) && !excluded.has(p.speaker));
  if (unknown) throw new Error(`${unknown.call}: its ${unknown.role}'s voice ${unknown.speaker} is not a voice of the corpora`);
  const fromCalls = callRows(calls, new Set([...validation, ...excluded]));
  const rows = [...clipRows, ...fromCalls];
  await writeFeatureBank(options.out, rows, {
    pooling: POOLING_VERSION,
    featureSpec: FEATURE_SPEC.version,
    dim: POOLED_DIM,
    classes: [...EMOTIONS],
    speakers,
    validationSpeakers: validation,
    validationSeenByShipped: options.validationSeenByShipped ?? true,
    excludedSpeakers: [...excluded],
    source: `${items.length} utterances of ${root}/${(options.manifests ?? MANIFESTS).join(' + ')} (TESS: its training share), conditions ${BANK_VARIANTS.join('+')} (wideband, telephone band 8 kHz μ-law)` +
      (calls.length ? `; ${fromCalls.length} labelled windows of ${new Set(fromCalls.map((r) => r.variant)).size} call parties (make_calls.py calls of training voices, telephone band, groups ${CALL_VARIANT_PREFIX}N)` : ''),
    createdAt: new Date().toISOString(),
  });
  return { rows: rows.length, speakers: speakers.length };
}

function argValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

const list = (text: string | undefined): string[] | undefined => text?.split(',').map((s) => s.trim()).filter(Boolean);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const out = path.resolve(argValue(args, '--out') ?? path.join(REPO_ROOT, 'resources', 'model', BANK_FILE));
  const t0 = Date.now();
  const result = await buildFeatureBank({
    out,
    datasets: argValue(args, '--datasets'),
    validationSpeakers: list(argValue(args, '--validation')),
    excludeSpeakers: list(argValue(args, '--exclude')),
    validationSeenByShipped: !args.includes('--validation-unseen'),
    callParties: list(argValue(args, '--call-windows'))?.flatMap((f) => readCallParties(path.resolve(f))),
    onProgress: (done, total) => process.stderr.write(`\rextracting features ${done}/${total}`),
  });
  process.stdout.write(`\nwrote ${out}: ${result.rows} rows of ${result.speakers} speakers in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}
