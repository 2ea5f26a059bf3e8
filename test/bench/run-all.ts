import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench`: runs every `bench:*` script of package.json in turn (each prints its figures
 * and its ratio to a baseline measured in the same run), then a one-line summary.
 */
const root = join(__dirname, '..', '..');
const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>)
  .filter((name) => name.startsWith('bench:'))
  .sort();
const only = process.argv.slice(2);
const results: string[] = [];
for (const script of scripts.filter((s) => only.length === 0 || only.some((o) => s.includes(o)))) {
  console.log(`\n=== npm run ${script} ===`);
  const run = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  results.push(`${script}: ${run.status === 0 ? 'ok' : `failed (exit ${run.status})`}`);
}
console.log(`\n${results.join('\n')}`);
process.exit(results.some((r) => r.includes('failed')) ? 1 : 0);
