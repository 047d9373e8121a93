import type { HandlerName, RpcResponse } from './contract';

/**
 * A response as the desktop app's relay carries it from the services worker through the main
 * process to the page: JSON text of an RpcResponse where the response is plain JSON (the main
 * thread then copies one string instead of building an object per region), else the RpcResponse
 * itself (results holding typed arrays). No imports beyond types: the sandboxed preload bundles it.
 */
export type RelayedResponse = string | RpcResponse<HandlerName>;

export function decodeRelayed(relayed: RelayedResponse): RpcResponse<HandlerName> {
  return typeof relayed === 'string' ? (JSON.parse(relayed) as RpcResponse<HandlerName>) : relayed;
}
