// Starts a worker written in TypeScript when running from source (tsx, vitest): worker threads do
// not inherit the parent's loader hooks, and Node 20 ignores `--import` in a worker's execArgv, so
// tsx is registered here and the real entry (the last argv element, a file URL) is imported after.
import { argv } from 'node:process';
import { register } from 'tsx/esm/api';

register();
await import(argv[argv.length - 1]);
