import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EmoqaApi, EventName, Events } from '../shared/contract';
import type { EmoqaShell } from '../shared/team-link';
import { decodeRelayed, type RelayedResponse } from '../shared/relayed';

// Only types come from the contract: a sandboxed preload cannot load npm modules such as zod.
const CONTRACT_EVENTS = ['analysis.progress', 'analysis.fileDone', 'recordings.changed', 'models.progress'] as const satisfies readonly EventName[];
// A new contract event must be added above; this line stops compiling until it is.
const allListed: Exclude<EventName, (typeof CONTRACT_EVENTS)[number]> extends never ? true : never = true;
// `ui.command` carries the menu's commands (see electron/main/ui-commands.ts); no data rides on it.
const ALLOWED_EVENTS = new Set<string>([...CONTRACT_EVENTS, 'ui.command']);

// The renderer gets exactly two functions of the contract (and emoqaShell below); everything else stays behind the contract.
const api: EmoqaApi = {
  async invoke(name, args) {
    const response = decodeRelayed((await ipcRenderer.invoke('rpc', name, args)) as RelayedResponse);
    if (!response.ok) throw Object.assign(new Error(response.error.message), { code: response.error.code });
    return response.result as never;
  },
  on<E extends EventName>(event: E, listener: (...args: Events[E]) => void) {
    if (!allListed || !ALLOWED_EVENTS.has(event)) throw new Error(`emoqa: no such event ${String(event)}`);
    const wrapped = (_event: IpcRendererEvent, ...args: unknown[]) => listener(...(args as Events[E]));
    ipcRenderer.on(`event:${event}`, wrapped);
    return () => ipcRenderer.removeListener(`event:${event}`, wrapped);
  },
};

contextBridge.exposeInMainWorld('emoqa', api);

// The shell's one function outside the contract: leave for a team server (the main process probes it again).
const shell: EmoqaShell = {
  async openTeamServer(origin) {
    const answer = (await ipcRenderer.invoke('shell:open-team-server', origin)) as { ok: true } | { ok: false; error: { code: string; message: string } };
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
  },
};
contextBridge.exposeInMainWorld('emoqaShell', shell);
