import type { Handlers } from '../shared/contract';
import { resolveFfmpeg } from './audio/ffmpeg-path';
import { EventBus } from './event-bus';

export interface AppServicesOptions {
  databasePath: string;
  appVersion: string;
}

export interface AppServices {
  handlers: Partial<Handlers>;
  events: EventBus;
  close(): Promise<void>;
}

function ffmpegDescription(): string | null {
  try {
    const binaries = resolveFfmpeg();
    return `${binaries.ffmpeg} (${binaries.source})`;
  } catch {
    return null;
  }
}

/** The composition root every transport shares: Electron main, `emoqa serve`, and the tests. */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const events = new EventBus();
  const handlers: Partial<Handlers> = {
    'app.info': async () => ({
      version: options.appVersion,
      modelVersion: null,
      backend: null,
      databasePath: options.databasePath,
      ffmpeg: ffmpegDescription(),
    }),
  };
  return { handlers, events, close: async () => undefined };
}
