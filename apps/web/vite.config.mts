import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

/**
 * Writes `.br` and `.gz` beside every text file of the build, once, at their best compression:
 * the api serves them to browsers that accept them (`preCompressed` in libs/web-app), so a phone
 * on a slow network downloads about a third of the bytes, and the server compresses nothing.
 */
function precompress(): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'muvo-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir).filter((f) => /\.(js|mjs|css|html|svg|json)$/.test(f))) {
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        // Brotli's best level takes seconds a megabyte: kept for what the first page loads, not the map.
        const quality = data.length <= 400_000 ? 11 : 9;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(data, {
            params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
          }),
        );
      }
    },
  };
}

/**
 * The participant's web app, served by the api at `/app/` from `dist/web` (see libs/web-app).
 * `npm run dev:web` serves it with hot reload and forwards API calls to a running `npm start`.
 */
export default defineConfig({
  root: here,
  base: '/app/',
  // No plugin: Vite's own transform compiles TSX with React's automatic runtime.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [precompress()],
  build: {
    outDir,
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
