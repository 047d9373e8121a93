// `node --import ./test/helpers/forbid-tfjs.mjs …`: any import of TF.js in the main thread fails the run.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@tensorflow/')) throw new Error('TF.js was imported: ' + specifier + ' from ' + context.parentURL);
  return next(specifier, context);
}`));
