import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The participant's web app, served by the api at `/app/` from `dist/web` (see libs/web-app).
 * `npm run dev:web` serves it with hot reload and forwards API calls to a running `npm start`.
 */
export default defineConfig({
  root: here,
  base: '/app/',
  // No plugin: Vite's own transform compiles TSX with React's automatic runtime.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    // MapLibre alone is ~1 MB (~300 kB compressed), loaded only when a trip's map is opened.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:3000',
      '/app/voucher-api': 'http://127.0.0.1:3000',
      '/app/config.json': 'http://127.0.0.1:3000',
    },
  },
});
