// `node --import ./test/helpers/forbid-tfjs.mjs …`: any import of TF.js in the main thread fails the
// run, and so does one of the team server's packages (pg, pg-boss: modules that only `emoqa server`,
// `users`, `enqueue`, `worker` and `status` need). Kysely, the library's query layer, is bundled, so
// an import of it from node_modules means the bundle went wrong.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@tensorflow/')) throw new Error('TF.js was imported: ' + specifier + ' from ' + context.parentURL);
  if (/^(kysely|pg|pg-boss)(\\/|$)/.test(specifier)) throw new Error('a team-server package was imported: ' + specifier + ' from ' + context.parentURL);
  return next(specifier, context);
}`));
