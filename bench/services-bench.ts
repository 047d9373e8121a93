/**
 * The speed figures that used to be timed assertions inside tests (a timed test fails on a loaded
 * machine and passes a slow build on a fast one): the library over 10,000 calls, cancelling a
 * decode and an analysis, starting the analysis pool, and two hours of silence. Each line prints
 * the figure beside its target. Run: `npx tsx bench/services-bench.ts` (or `npm run bench -- services`).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createAnalysisPool } from '../electron/services/analysis/analysis-pool';
import { streamDecode } from '../ml/audio/stream-decode';
import { LibraryService } from '../electron/services/library/library-service';
import { defaultModelDir } from '../ml/model';
import { EMPTY_FILTER, filterAndSort } from '../renderer/src/features/library/library-filter';
import { seedLibrary } from '../test/e2e/helpers/seed-library';
import { ffmpegMake, makeTempDir } from '../test/helpers/fixtures';
import { tempDatabase } from '../test/unit/electron/services/store-helpers';

export interface Figure {
  name: string;
  value: number;
  unit: 'ms' | 's';
  /** The target: the figure must stay below it (null: printed for reference). */
  below: number | null;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeMs(runs: number, fn: () => unknown): Promise<number> {
  await fn(); // warm: statement cache, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function libraryFigures(): Promise<Figure[]> {
  const store = tempDatabase();
  try {
    seedLibrary(store.db, 10_000);
    const library = new LibraryService(store.lib);
    const listMs = await timeMs(5, () => library.list());
    const rows = await library.list();
    const filterMs = await timeMs(20, () => filterAndSort(rows, { ...EMPTY_FILTER, search: 'call-09' }, { key: 'negative', direction: 'desc' }));
    return [
      { name: 'library: list 10,000 recordings (SQLite, median of 5)', value: listMs, unit: 'ms', below: 1500 },
      { name: 'library: filter + sort 10,000 rows per keystroke (median of 20)', value: filterMs, unit: 'ms', below: 500 },
    ];
  } finally {
    store.cleanup();
  }
}

async function cancelFigures(dir: string): Promise<Figure[]> {
  const long = join(dir, 'long.wav');
  ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=150:sample_rate=8000:duration=1800', '-af', 'volume=2,pan=stereo|c0=c0|c1=c0', '-c:a', 'pcm_mulaw', long]);

  // Stream-decode: from the start of decoding to CANCELLED after three chunks.
  const controller = new AbortController();
  let chunks = 0;
  const decodeStarted = performance.now();
  try {
    for await (const _chunk of streamDecode(long, { sampleRate: 22050, sourceChannels: 2, select: { kind: 'keep' }, signal: controller.signal })) {
      void _chunk;
      if (++chunks === 3) controller.abort();
    }
  } catch {
    // CANCELLED: what is measured.
  }
  const decodeCancelMs = performance.now() - decodeStarted;

  const poolStarted = performance.now();
  const pool = createAnalysisPool({ size: 2, modelDir: defaultModelDir() });
  await pool.ready();
  const poolStartMs = performance.now() - poolStarted;
  try {
    const abort = new AbortController();
    let abortedAt = 0;
    await pool
      .analyse(long, {
        roles: ['agent', 'customer'],
        signal: abort.signal,
        onProgress: (seconds) => {
          if (seconds > 30 && !abortedAt) {
            abortedAt = performance.now();
            abort.abort();
          }
        },
      })
      .catch(() => undefined);
    const poolCancelMs = performance.now() - abortedAt;

    const silent = join(dir, 'silent-2h.wav');
    ffmpegMake(['-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '7200', '-c:a', 'pcm_mulaw', silent]);
    const silenceStarted = performance.now();
    await pool.analyse(silent, { roles: ['agent', 'customer'] });
    const silenceS = (performance.now() - silenceStarted) / 1000;
    return [
      { name: 'stream-decode: start to CANCELLED after 3 chunks', value: decodeCancelMs, unit: 'ms', below: 2000 },
      // From source each worker compiles its TypeScript (tsx) before loading the model: a reference figure.
      { name: 'analysis pool: start 2 workers with the shipped model', value: poolStartMs, unit: 'ms', below: null },
      { name: 'analysis pool: abort to CANCELLED mid-call', value: poolCancelMs, unit: 'ms', below: 500 },
      { name: 'bad input: two hours of silence analysed', value: silenceS, unit: 's', below: 60 },
    ];
  } finally {
    await pool.close();
  }
}

export function formatFigure(f: Figure): string {
  const digits = f.unit === 'ms' ? 0 : 1;
  const value = `${f.name}: ${f.value.toFixed(digits)} ${f.unit}`;
  if (f.below === null) return value;
  return `${value} (target < ${f.below} ${f.unit})${f.value < f.below ? '' : '  MISSED'}`;
}

export async function runServicesBench(): Promise<Figure[]> {
  const temp = makeTempDir('emoqa-services-bench-');
  try {
    const figures = [...(await libraryFigures()), ...(await cancelFigures(temp.dir))];
    for (const figure of figures) process.stdout.write(`${formatFigure(figure)}\n`);
    return figures;
  } finally {
    temp.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runServicesBench();
