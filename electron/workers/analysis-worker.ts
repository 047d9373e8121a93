/**
 * Worker thread of the analysis pool: loads the model once, then analyses the parties it is sent,
 * one task at a time, streaming progress. Errors go back as {code, message}; a cancel message
 * aborts the task (ffmpeg is killed, the task rejects with CANCELLED).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseParties, sharedClassifier } from '../services/analysis/analyse-recording';
import { emptyStageTimes } from '../services/analysis/stage-timings';
import type { FromWorker, ToWorker, WorkerInit } from '../services/analysis/worker-protocol';
import { toErrorPayload } from '../shared/errors';
import { adoptFfmpeg } from '../../ml/audio/ffmpeg-path';

const port = parentPort;
if (!port) throw new Error('analysis-worker must run in a worker thread');
const init = (workerData ?? {}) as WorkerInit;
const running = new Map<number, AbortController>();

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

// Load the model while the pool waits for work, so the first job does not pay for it.
sharedClassifier(init.modelDir).then(
  () => send({ type: 'ready', ok: true }),
  (error: unknown) => send({ type: 'ready', ok: false, error: toErrorPayload(error) }),
);

async function analyse(message: Extract<ToWorker, { type: 'analyse' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.taskId, controller);
  try {
    const classifier = await sharedClassifier(init.modelDir);
    const times = emptyStageTimes();
    const outcomes = await analyseParties(message.path, message.plan, message.parties, {
      classifier,
      signal: controller.signal,
      times,
      onProgress: (seconds) => send({ type: 'progress', taskId: message.taskId, seconds }),
    });
    const transfer = outcomes.flatMap((o) => o.peaks.map((p) => p.buffer as ArrayBuffer));
    send({
      type: 'done',
      taskId: message.taskId,
      parties: outcomes,
      sampleRate: classifier.sampleRate,
      modelVersion: classifier.version,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      times,
    }, transfer);
  } catch (error) {
    send({ type: 'error', taskId: message.taskId, error: toErrorPayload(error) });
  } finally {
    running.delete(message.taskId);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'ffmpeg') adoptFfmpeg(message.binaries);
  else if (message.type === 'cancel') running.get(message.taskId)?.abort();
  else void analyse(message);
});
