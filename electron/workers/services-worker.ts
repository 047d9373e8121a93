/**
 * The services in a worker thread (Signal Desktop's lesson): this thread opens the SQLite file and
 * runs every handler, the analysis pool and the retraining runner; the Electron main thread only
 * relays the rpc channel and the events (electron/services/host/services-host.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAppServices, type AppServices } from '../services/app-services';
import { dispatch } from '../services/dispatch';
import { encodeResponse, type FromServices, type ServicesWorkerInit, type ToServices } from '../services/host/services-protocol';
import type { AnalyseFn } from '../services/jobs/job-queue';
import { toErrorPayload } from '../shared/errors';

const port = parentPort;
if (!port) throw new Error('services-worker must run in a worker thread');
const init = workerData as ServicesWorkerInit;
const send = (message: FromServices): void => port.postMessage(message);

async function injectedEngine(): Promise<AnalyseFn | undefined> {
  if (!init.engineModule) return undefined;
  const module = (await import(init.engineModule)) as { createAnalyse: () => AnalyseFn };
  return module.createAnalyse();
}

async function start(): Promise<AppServices> {
  const services = await createAppServices({
    databasePath: init.databasePath,
    appVersion: init.appVersion,
    modelDir: init.modelDir,
    concurrency: init.concurrency,
    resumeInterrupted: init.resumeInterrupted,
    analyse: await injectedEngine(),
  });
  services.events.onAny((event, args) => send({ type: 'event', event, args }));
  return services;
}

const started = start();
started.then(
  () => send({ type: 'ready' }),
  (error: unknown) => send({ type: 'failed', error: toErrorPayload(error) }),
);

port.on('message', (message: ToServices) => {
  if (message.type === 'close') {
    void started
      .then((services) => services.close())
      .catch(() => undefined)
      .finally(() => {
        send({ type: 'closed' });
        port.close();
      });
    return;
  }
  void started
    .then((services) => dispatch(services.handlers, message.name, message.args))
    .catch((error: unknown) => ({ ok: false as const, error: toErrorPayload(error) }))
    .then((response) => send({ type: 'result', id: message.id, response: encodeResponse(response) }));
});
