import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'apps', 'web');
const BUILT = join(ROOT, 'dist', 'web', 'index.html');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/**
 * Builds the web app into `dist/web` (as `npm run build:web` does, without its typecheck, which
 * `npm run build` runs) unless a build newer than every source file is already there: a few seconds.
 */
export function ensureWebAppBuilt(): void {
  const sources = ['src', 'public', 'index.html', 'vite.config.mts'].map((p) => join(WEB, p));
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(...sources.map(newestChange))) return;
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(WEB, 'vite.config.mts'),
      '--logLevel',
      'error',
    ],
    {
      cwd: ROOT,
      // Jest sets NODE_ENV=test, which would bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 120_000,
    },
  );
}
