import { inputSchemas, isHandlerName, type HandlerName, type Handlers, type RpcResponse } from '../shared/contract';
import { EmoqaError, toErrorPayload } from '../shared/errors';

/**
 * The one entry point every transport uses: validate the input against the contract's schema,
 * run the handler, and turn any failure into `{code, message}`. IPC and HTTP differ only in framing.
 */
export async function dispatch(handlers: Handlers, name: string, rawArgs: unknown): Promise<RpcResponse<HandlerName>> {
  try {
    if (!isHandlerName(name)) throw new EmoqaError('NOT_FOUND', `unknown call: ${name}`);
    const parsed = inputSchemas[name].safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'args'}: ${issue.message}`).join('; ');
      throw new EmoqaError('INVALID_ARGUMENT', `${name}: ${detail}`);
    }
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    const result = await handler(parsed.data);
    return { ok: true, result } as RpcResponse<HandlerName>;
  } catch (error) {
    return { ok: false, error: toErrorPayload(error) };
  }
}
