/**
 * Worker thread of a retraining: feature extraction and training are seconds to minutes of CPU,
 * kept off the thread that serves the app. Started per retraining; a cancel message aborts at the
 * next batch (the parent terminates the thread if that takes too long).
 */
import { parentPort } from 'node:worker_threads';
import { toErrorPayload } from '../../electron/shared/errors';
import type { FromRetrainWorker, ToRetrainWorker } from './protocol';
import { runRetrain } from './retrain';

const port = parentPort;
if (!port) throw new Error('retrain-worker must run in a worker thread');
const controller = new AbortController();
const send = (message: FromRetrainWorker): void => port.postMessage(message);

port.on('message', (message: ToRetrainWorker | { type: 'cancel' }) => {
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  runRetrain(message.request, (stage, done, total, etaS) => send({ type: 'progress', stage, done, total, etaS }), controller.signal).then(
    (result) => send({ type: 'done', result }),
    (error: unknown) => send({ type: 'error', error: toErrorPayload(error) }),
  );
});
