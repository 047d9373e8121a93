/**
 * `npm run bench`: every speed and memory target, measured and printed. Benchmarks are scripts, never
 * timed tests. Pass names to run a subset: `npm run bench -- features model`.
 */
import { runAnalysisBench } from './analysis-bench';
import { runFeaturesBench } from './features-bench';
import { runFolderBench } from './folder-bench';
import { printMainThreadBench, runMainThreadBench } from './main-thread-bench';
import { runModelBench } from './model-bench';
import { runPipelineCpuBench } from './pipeline-cpu';
import { runRetrainBench } from './retrain-bench';
import { runServicesBench } from './services-bench';
import { runSpectrogramBench } from './spectrogram-bench';
import { runTeamBench } from './team-bench';
import { printUiBench, runUiBench } from './ui-bench';

const benches: Record<string, () => Promise<unknown>> = {
  features: runFeaturesBench,
  model: runModelBench,
  analysis: runAnalysisBench,
  folder: runFolderBench,
  cpu: () => runPipelineCpuBench(),
  // runUiBench returns its figures (a test reads them); printing is separate.
  ui: async () => printUiBench(await runUiBench()),
  services: runServicesBench,
  spectrogram: runSpectrogramBench,
  retrain: runRetrainBench,
  'main-thread': async () => printMainThreadBench(await runMainThreadBench()),
  team: () => runTeamBench(),
};

const wanted = process.argv.slice(2).filter((name) => !name.startsWith('-'));
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length) {
  process.stderr.write(`unknown bench: ${unknown.join(', ')} (have: ${Object.keys(benches).join(', ')})\n`);
  process.exit(2);
}

for (const [name, run] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stdout.write(`\n=== bench: ${name} ===\n`);
  await run();
}
