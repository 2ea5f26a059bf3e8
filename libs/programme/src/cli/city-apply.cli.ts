import { runCommand } from '@muvo/observability';
import { applyCityFileAt } from './apply-city';

const USAGE =
  'usage: npm run --silent city:apply -- [--force] [--prune] FILE (a YAML or JSON city file)\n' +
  '  --force  overwrite what was changed through the admin API since the last apply\n' +
  '  --prune  remove what is not in the file although it was created or changed through the admin API';

/**
 * `npm run --silent city:apply -- [--force] [--prune] FILE` → `{cityId, accounts:[…]}` on stdout;
 * the changes it makes (or refuses to make) are listed on stderr.
 */
runCommand(async (args) => {
  const words = args.filter((a) => a !== '--');
  const flags = words.filter((a) => a.startsWith('--'));
  const files = words.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => f !== '--force' && f !== '--prune');
  if (files.length !== 1 || unknown.length) {
    throw new Error(`${unknown.length ? `unknown option ${unknown.join(', ')}\n` : ''}${USAGE}`);
  }
  return applyCityFileAt(files[0], undefined, { force: flags.includes('--force'), prune: flags.includes('--prune') });
});
