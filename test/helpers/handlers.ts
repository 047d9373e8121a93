import { inputSchemas, type HandlerName, type Handlers } from '../../electron/shared/contract';
import { EmoqaError } from '../../electron/shared/errors';

/**
 * A full handler map for tests that only need a few handlers: the others throw NOT_FOUND. The
 * services must implement `Handlers` in full (a missing one fails to compile); tests stub.
 */
export function someHandlers(given: Partial<Handlers>): Handlers {
  const names = Object.keys(inputSchemas) as HandlerName[];
  const missing = (name: HandlerName) => async () => {
    throw new EmoqaError('NOT_FOUND', `${name} is not stubbed in this test`);
  };
  return Object.fromEntries(names.map((name) => [name, given[name] ?? missing(name)])) as Handlers;
}
