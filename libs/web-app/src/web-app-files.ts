import { existsSync } from 'node:fs';
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
