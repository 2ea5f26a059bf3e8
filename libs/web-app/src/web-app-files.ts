import { existsSync, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';

/** What to run when the built web app is missing. */
export const BUILD_WEB_HINT = 'npm run build:web (npm start and npm run build do it too)';

/**
 * Where the built web app (`vite build` → `dist/web`) is: beside the working directory, or above
 * this file in the sources (`libs/web-app/src`) or in a Nest build (`dist/apps/api/libs/…`).
 * Null when it has not been built.
 */
export function webAppRoot(): string | null {
  const candidates = [join(process.cwd(), 'dist', 'web')];
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    candidates.push(join(dir, 'dist', 'web'), join(dir, 'web'));
  }
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * The page's own files and MapLibre's blob workers; a configured base map adds its tile servers
 * (any https origin, since a style names the tile, glyph and sprite hosts itself). Never framed.
 */
export function webAppContentSecurityPolicy(mapStyleUrl: string | null): string {
  const remote = mapStyleUrl ? ' https:' : '';
  return [
    "default-src 'self'",
    `img-src 'self' data: blob:${remote}`,
    `connect-src 'self'${remote}`,
    "style-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** The file the build writes beside index.html: each language's strings chunk (apps/web/vite.config.mts). */
export const LANGUAGE_CHUNKS_FILE = 'languages.json';
/** The cookie the page keeps the person's chosen language in (apps/web/src/languages.ts). */
export const LANGUAGE_COOKIE = 'muvo.language';

/**
 * The language the page will speak, as the page itself decides it (apps/web/src/languages.ts):
 * the person's choice (kept in a cookie as well as in the page's storage), else the first
 * language of the browser's that the app speaks, else English.
 */
export function pageLanguage(
  cookieHeader: string | undefined,
  acceptLanguage: string | undefined,
  languages: readonly string[],
): string {
  const chosen = (cookieHeader ?? '')
    .split(';')
    .map((pair) => pair.trim().split('='))
    .find(([name]) => name === LANGUAGE_COOKIE)?.[1];
  if (chosen && languages.includes(chosen)) return chosen;
  // Browsers list their languages in the order of navigator.languages, the one the page reads.
  for (const range of (acceptLanguage ?? '').split(',')) {
    const base = range.split(';')[0].trim().toLowerCase().split('-')[0];
    if (languages.includes(base)) return base;
  }
  return languages.includes('en') ? 'en' : languages[0];
}

/**
 * index.html with its language's strings preloaded: the page would otherwise ask for them only
 * once its first script ran, a round trip later. Unchanged when the build lists no languages.
 */
export function pageWithLanguage(
  indexHtml: string,
  chunks: Record<string, string>,
  language: string,
  base: string,
): string {
  const chunk = chunks[language];
  if (!chunk) return indexHtml;
  return indexHtml.replace(
    '</head>',
    `  <link rel="modulepreload" crossorigin href="${base}${encodeURI(chunk)}">\n  </head>`,
  );
}

/**
 * index.html as the page's language needs it. Read on each request (a kB or two): a rebuild while
 * the api runs replaces the hashed chunks index.html names.
 */
export async function readPage(
  root: string,
  request: { cookie?: string; acceptLanguage?: string },
  base: string,
): Promise<string> {
  const [html, listed] = await Promise.all([
    fs.readFile(join(root, 'index.html'), 'utf8'),
    fs.readFile(join(root, LANGUAGE_CHUNKS_FILE), 'utf8').catch(() => '{}'),
  ]);
  const chunks = JSON.parse(listed) as Record<string, string>;
  return pageWithLanguage(
    html,
    chunks,
    pageLanguage(request.cookie, request.acceptLanguage, Object.keys(chunks)),
    base,
  );
}
