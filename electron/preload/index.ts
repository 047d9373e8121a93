import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EmoqaApi, EventName, Events, HandlerName, RpcResponse } from '../shared/contract';

// The renderer gets exactly two functions; everything else stays behind the contract.
const api: EmoqaApi = {
  async invoke(name, args) {
    const response = (await ipcRenderer.invoke('rpc', name, args)) as RpcResponse<HandlerName>;
    if (!response.ok) throw Object.assign(new Error(response.error.message), { code: response.error.code });
    return response.result as never;
  },
  on<E extends EventName>(event: E, listener: (...args: Events[E]) => void) {
    const wrapped = (_event: IpcRendererEvent, ...args: unknown[]) => listener(...(args as Events[E]));
    ipcRenderer.on(`event:${event}`, wrapped);
    return () => ipcRenderer.removeListener(`event:${event}`, wrapped);
  },
};

contextBridge.exposeInMainWorld('emoqa', api);
