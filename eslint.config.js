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
  group: ['**/electron/services/**', '**/electron/db/**', '**/electron/workers/**', '**/electron/http/**', '**/electron/cli/**', '**/ml/train/**', '**/ml/model/**'],
  message: 'The renderer talks to services only through the contract (renderer/src/api).',
};

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
    files: ['electron/shared/**/*.ts', 'ml/dsp/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noNode, noElectron, noRenderer] }] },
  },
  {
    files: [
      'electron/services/**/*.ts', 'electron/db/**/*.ts', 'electron/workers/**/*.ts', 'electron/http/**/*.ts',
      'electron/cli/**/*.ts', 'ml/segment/**/*.ts', 'ml/model/**/*.ts', 'ml/train/**/*.ts', 'ml/runtime/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noNode, noElectron, noServices] }] },
  },
);
