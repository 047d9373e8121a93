#!/usr/bin/env node
// Runs the TypeScript CLI in place through tsx, so `npx emoqa` works from a checkout without a build.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
