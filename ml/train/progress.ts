import cliProgress from 'cli-progress';

/** A progress bar with ETA on stderr (stdout stays clean for --json); silent when stderr is no TTY. */
export interface ProgressHandle {
  update: (done: number, total: number) => void;
  phase: (name: string, total: number) => void;
  stop: () => void;
}

export function startProgress(initialPhase: string): ProgressHandle {
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: '{phase} [{bar}] {value}/{total} {percentage}% | ETA {eta_formatted} | {duration_formatted}',
    hideCursor: true,
    etaBuffer: 50,
    noTTYOutput: Boolean(process.env.EMOQA_PROGRESS_NO_TTY),
    notTTYSchedule: 5000,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  let stopped = false;
  let phase = initialPhase;
  return {
    update(done, total) {
      if (stopped) return;
      if (!started) {
        bar.start(total, 0, { phase });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { phase });
    },
    phase(name, total) {
      if (stopped) return;
      phase = name;
      if (started) bar.stop();
      bar.start(total, 0, { phase });
      started = true;
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}
