/**
 * The spectrogram lane's cost per screen: one party's visible range of an hour-long stereo call,
 * decoded from the file for that range only. Seeking keeps it flat however late in the call the
 * range lies. Run: `npx tsx bench/spectrogram-bench.ts` (or `npm run bench -- spectrogram`).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { rangeSpectrogram } from '../electron/services/calls/spectrogram-service';
import { ffmpegMake, makeTempDir } from '../test/helpers/fixtures';
import { formatFigure, type Figure } from './services-bench';

async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm: the FFT tables, the page cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return [...times].sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export async function runSpectrogramBench(): Promise<Figure[]> {
  const temp = makeTempDir('emoqa-spectrogram-bench-');
  try {
    const path = join(temp.dir, 'hour.wav');
    // An hour of 8 kHz μ-law stereo, like the call recorders: noise on one side, a sweep on the other.
    ffmpegMake(['-f', 'lavfi', '-i', 'anoisesrc=r=8000:a=0.05:d=3600', '-f', 'lavfi', '-i', 'sine=frequency=700:sample_rate=8000:duration=3600',
      '-filter_complex', '[0][1]amerge=inputs=2', '-c:a', 'pcm_mulaw', path]);
    const call = { path, channels: 2, downmixed: false, fileName: 'hour.wav' };
    const zoomed = await medianMs(5, () => rangeSpectrogram(call, { channel: 1, startS: 2400, endS: 2420, columns: 2800 }));
    const start = await medianMs(5, () => rangeSpectrogram(call, { channel: 0, startS: 0, endS: 20, columns: 2800 }));
    const widest = await medianMs(3, () => rangeSpectrogram(call, { channel: 0, startS: 3000, endS: 3600, columns: 2800 }));
    const figures: Figure[] = [
      { name: 'spectrogram: 20 s at 0:00 of an hour, 2800 columns (median of 5)', value: start, unit: 'ms', below: 300 },
      { name: 'spectrogram: 20 s at 40:00 of an hour, 2800 columns (median of 5)', value: zoomed, unit: 'ms', below: 300 },
      { name: 'spectrogram: the widest range (10 min) at 50:00, 2800 columns (median of 3)', value: widest, unit: 'ms', below: 1500 },
    ];
    for (const figure of figures) process.stdout.write(`${formatFigure(figure)}\n`);
    return figures;
  } finally {
    temp.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runSpectrogramBench();
