// Layers of ARCHITECTURE.md, enforced the way VS Code's code-layering rule does: each folder may
// only import what its environment has.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'stream'];
const noNode = nodeBuiltins.map((name) => ({ group: [name], message: 'This layer runs outside Node: no Node built-ins.' }));
// `regex` so that the bare module `electron` is matched, not the repository's electron/ folder.
const noElectron = { regex: '^electron(/|$)', message: 'Only electron/main and electron/preload may import electron.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Node layers never import the renderer.' };
const noServices = {
  group: [
    '**/electron/services/**', '**/electron/db/**', '**/electron/workers/**', '**/electron/http/**', '**/electron/cli/**',
    '**/electron/main/**', '**/electron/preload/**',
    '**/ml/audio/**', '**/ml/pipeline/**', '**/ml/model/**', '**/ml/train/**', '**/ml/retrain/**', '**/ml/segment/**',
  ],
  message: 'The renderer talks to services only through the contract (renderer/src/api).',
};
// ml/ sits below every Node layer: it may use electron/shared (contract, domain types) and nothing else of electron/.
const appLayers = ['services', 'db', 'workers', 'http', 'cli', 'main', 'preload'];
const noAppLayers = {
  group: appLayers.map((layer) => `**/electron/${layer}/**`),
  message: 'ml/ is computation below the services: it never imports electron/services, db, workers, http, cli, main or preload.',
};
// Inside ml/, from the ground up: runtime (starting worker threads) · dsp · segment · diarize · audio (ffmpeg) · model · pipeline (the party pass) · train · retrain.
// A folder may import those before it, never those after it.
export const ML_ORDER = ['runtime', 'dsp', 'segment', 'diarize', 'audio', 'model', 'pipeline', 'train', 'retrain'];
const above = (folder) => ({
  group: ML_ORDER.slice(ML_ORDER.indexOf(folder) + 1).map((f) => `**/ml/${f}/**`).concat(ML_ORDER.slice(ML_ORDER.indexOf(folder) + 1).map((f) => `../${f}/**`)),
  message: `ml/${folder} may only import the ml/ layers below it (${ML_ORDER.join(' < ')}).`,
});
const mlLayer = (folder, extra = []) => ({
  files: [`ml/${folder}/**/*.ts`],
  rules: { 'no-restricted-imports': ['error', { patterns: [...extra, noElectron, noRenderer, noAppLayers, ...(folder === 'retrain' ? [] : [above(folder)])] }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', '.cache/**', 'test-results/**', 'scripts/tmp/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noNode, noElectron, noRenderer, noAppLayers, { group: ['**/ml/**'], message: 'electron/shared is the ground layer.' }] }] },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/db/**/*.ts', 'electron/workers/**/*.ts', 'electron/http/**/*.ts', 'electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  // Any ml/ folder, placed in ML_ORDER or not yet: never the app's layers (the specific rules below override this).
  { files: ['ml/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer, noAppLayers] }] } },
  // dsp, segment and diarize are pure functions on arrays: no Node either. audio may run ffmpeg (node:child_process).
  mlLayer('dsp', noNode),
  mlLayer('segment', noNode),
  mlLayer('diarize', noNode),
  mlLayer('audio'),
  mlLayer('model'),
  mlLayer('pipeline'),
  mlLayer('train'),
  mlLayer('retrain'),
  // Electron main only relays: it reaches the services through the host that runs them in a worker
  // thread, never the handlers, the database or the workers themselves (SQLite stays off this thread).
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noRenderer, {
        regex: '^\\.\\./(services/(?!host/services-host$)|db/|workers/|cli/)|(^|/)ml/',
        message: 'electron/main only relays the rpc channel: use ServicesHost (electron/services/host/services-host).',
      }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noNode, noElectron, noServices] }] },
  },
);
