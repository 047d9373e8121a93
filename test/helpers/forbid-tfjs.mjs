// `node --import ./test/helpers/forbid-tfjs.mjs …`: any import of TF.js in the main thread fails the
// run, and so does one of the team database's packages (kysely, pg, pg-boss: ~270 modules that only
// `emoqa server`, `users`, `enqueue`, `worker` and `status` need).
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@tensorflow/')) throw new Error('TF.js was imported: ' + specifier + ' from ' + context.parentURL);
  if (/^(kysely|pg|pg-boss)(\\/|$)/.test(specifier)) throw new Error('the team database was imported: ' + specifier + ' from ' + context.parentURL);
  return next(specifier, context);
}`));
