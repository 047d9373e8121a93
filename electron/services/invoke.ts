import type { HandlerInput, HandlerName, Handlers, Results } from '../shared/contract';
import { EmoqaError } from '../shared/errors';
import { dispatch } from './dispatch';

/**
 * Calls a handler in-process exactly as a transport would (schema-validated, errors as codes) and
 * returns its result or throws the EmoqaError. Lets the CLI be one more client of the contract.
 */
export async function invokeHandler<N extends HandlerName>(handlers: Handlers, name: N, args: HandlerInput<N>): Promise<Results[N]> {
  const response = await dispatch(handlers, name, args);
  if (!response.ok) throw new EmoqaError(response.error.code, response.error.message);
  return response.result as Results[N];
}
