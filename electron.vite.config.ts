import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // Workers are entries of their own; chunks stay beside them so the pool finds `./analysis-worker.js`.
        input: {
          index: resolve('electron/main/index.ts'),
          'analysis-worker': resolve('electron/workers/analysis-worker.ts'),
          // The services and their SQLite connection run here, off the main thread (ServicesHost).
          'services-worker': resolve('electron/workers/services-worker.ts'),
          'retrain-worker': resolve('ml/retrain/retrain-worker.ts'),
        },
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be CommonJS.
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: { outDir: resolve('out/renderer'), rollupOptions: { input: resolve('renderer/index.html') } },
  },
});
