/**
 * What the machine itself gives two busy processes: a fixed amount of pure arithmetic (no I/O, no
 * allocation after start) run once alone, then twice at once, each in its own `node` process. The
 * ratio (two jobs' throughput over one's) is the ceiling any "two workers ≥ N× one" figure measured on
 * this machine lives under: on a shared virtual machine two vCPUs are not two idle cores.
 * Run alone: `npx tsx bench/cpu-ceiling.ts`; the team and folder benches print it beside their own.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** ~1-3 s of one core: long enough that process start is noise, short enough for every bench run. */
const SPIN = `const a=new Float64Array(1<<16);let x=0;const t=process.hrtime.bigint();
for(let r=0;r<ROUNDS;r++)for(let i=0;i<a.length;i++){a[i]=Math.sin(a[i]+i*1e-3)*0.5+x;x+=a[i]*1e-9;}
process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e9));`;

function spinOnce(rounds: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SPIN.replace('ROUNDS', String(rounds))], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`cpu-ceiling probe exited with ${code}`))));
  });
}

export interface CpuCeiling {
  /** Seconds of the job alone, and of the slower of two run at once (medians over the repeats). */
  aloneS: number;
  pairS: number;
  /** Throughput of two at once over one alone: 2 × alone / pair (2.00 on two idle cores). */
  ratio: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureCpuCeiling(repeats = 3, rounds = 1500): Promise<CpuCeiling> {
  const alone: number[] = [];
  const pair: number[] = [];
  for (let i = 0; i < repeats; i++) {
    alone.push(await spinOnce(rounds));
    pair.push(Math.max(...(await Promise.all([spinOnce(rounds), spinOnce(rounds)]))));
  }
  const aloneS = median(alone), pairS = median(pair);
  return { aloneS, pairS, ratio: (2 * aloneS) / pairS };
}

export function describeCeiling(c: CpuCeiling): string {
  return `the machine's own ceiling: two CPU-bound processes at once do ${c.ratio.toFixed(2)}× the work of one ` +
    `(${c.aloneS.toFixed(2)} s alone, ${c.pairS.toFixed(2)} s as a pair, medians of 3; 2.00× on two idle cores)`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(`${describeCeiling(await measureCpuCeiling())}\n`);
