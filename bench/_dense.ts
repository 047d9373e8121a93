import { loadHead } from '../ml/model/head';
import { defaultModelDir } from '../ml/model';
const dir = defaultModelDir();
const rows = Array.from({ length: 2048 }, (_, r) => Float32Array.from({ length: 437 }, (_, i) => Math.sin(r * 7 + i)));
for (const runner of ['js', 'tfjs']) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const head = await loadHead(dir, 'model.json', runner === 'tfjs' ? 'tfjs' : undefined);
  const c1 = process.cpuUsage(c0); const t1 = performance.now();
  for (let k = 0; k < 3; k++) for (let i = 0; i < rows.length; i += 256) await head.predict(rows.slice(i, i + 256));
  const c2 = process.cpuUsage(c0);
  console.log(runner, head.backend, 'load cpu ms', ((c1.user + c1.system) / 1000).toFixed(0), 'wall', (t1 - t0).toFixed(0), 'predict 6144 rows cpu ms', ((c2.user + c2.system - c1.user - c1.system) / 1000).toFixed(0), 'rss MB', (process.memoryUsage().rss / 1e6).toFixed(0));
}
