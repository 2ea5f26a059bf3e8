import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, runnerImport } from 'vite';

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

const MESSAGES = 'virtual:muvo-messages/';

/**
 * `virtual:muvo-messages/<language>`: one language's strings (src/locales/messages.ts, which has
 * all five), each its own small chunk, so the page downloads the language it shows and not the
 * other four. The build evaluates messages.ts once and writes the language's strings as JSON
 * (parsed faster than an object literal); the dev server imports messages.ts so edits reload.
 */
function languageChunks(): Plugin {
  const source = join(here, 'src', 'locales', 'messages.ts');
  let building = false;
  let evaluated: Promise<{ module: { messages: Record<string, Record<string, string>> }; dependencies: string[] }>;
  return {
    name: 'muvo-language-chunks',
    configResolved(config) {
      building = config.command === 'build';
    },
    resolveId(id) {
      return id.startsWith(MESSAGES) ? `\0${id}` : undefined;
    },
    // languages.json: which chunk has which language, so that the api's index.html preloads the
    // person's (libs/web-app) instead of the page asking for it once its entry has run.
    generateBundle(_options, bundle) {
      if (!building) return;
      const chunks: Record<string, string> = {};
      for (const chunk of Object.values(bundle)) {
        const id = chunk.type === 'chunk' ? chunk.facadeModuleId : null;
        if (id?.startsWith(`\0${MESSAGES}`)) chunks[id.slice(MESSAGES.length + 1)] = chunk.fileName;
      }
      this.emitFile({ type: 'asset', fileName: 'languages.json', source: JSON.stringify(chunks) });
    },
    async load(id) {
      if (!id.startsWith(`\0${MESSAGES}`)) return undefined;
      const language = JSON.stringify(id.slice(MESSAGES.length + 1));
      if (!building)
        return `import { messages } from ${JSON.stringify(source)};\nexport default messages[${language}];`;
      evaluated ??= runnerImport(source, { configFile: false, logLevel: 'error' });
      const { module, dependencies } = await evaluated;
      for (const file of [source, ...dependencies]) this.addWatchFile(file);
      const strings = module.messages[JSON.parse(language) as string];
      if (!strings) this.error(`${source} has no language ${language}`);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(strings))});`;
    },
  };
}

/**
 * index.html loads the entry (main.tsx, a few kB), which imports the app (bootstrap.tsx) once it
 * has asked for the first page's data. Without a hint the browser would learn of the app's chunk
 * only when the entry runs, one round trip later (over half a second on a slow 3G network): this
 * adds `<link rel="modulepreload">` for it and what it imports, fetched beside the entry.
 */
function preloadApp(): Plugin {
  let base = '/';
  return {
    name: 'muvo-preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return [];
        const app = Object.values(bundle).find(
          (c) => c.type === 'chunk' && !!c.facadeModuleId?.endsWith('/src/bootstrap.tsx'),
        );
        if (!app) throw new Error('the build has no chunk for src/bootstrap.tsx');
        // The app's chunk and those it imports, less what index.html already loads with the entry.
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName) || fileName === chunk.fileName || chunk.imports.includes(fileName)) return;
          files.add(fileName);
          const c = bundle[fileName];
          if (c?.type === 'chunk') c.imports.forEach(visit);
        };
        visit(app.fileName);
        return [...files].map((fileName) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${fileName}` },
          injectTo: 'head' as const,
        }));
      },
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
  plugins: [languageChunks(), preloadApp(), precompress()],
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
