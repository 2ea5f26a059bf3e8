import { stringify } from 'yaml';
import { loadDotEnv, parseConfig } from '@muvo/config';
import { runCommand } from '@muvo/observability';
import { CityFileExporter } from '../city-file.exporter';
import { withProgramme } from './apply-city';

const USAGE = 'usage: npm run --silent city:export -- [--format yaml|json] CITY > city.yaml';

/**
 * `npm run --silent city:export -- [--format yaml|json] CITY`: the live city as a city file on
 * stdout (YAML by default), so the file can be brought up to date with what was changed through
 * the admin API before the next `city:apply`.
 */
runCommand(async (args) => {
  const words = args.filter((a) => a !== '--');
  let format = 'yaml';
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '--format') format = words[++i] ?? '';
    else if (words[i].startsWith('--format=')) format = words[i].slice('--format='.length);
    else rest.push(words[i]);
  }
  if (rest.length !== 1 || rest[0].startsWith('--') || !['yaml', 'json'].includes(format)) throw new Error(USAGE);
  loadDotEnv();
  const file = await withProgramme(parseConfig(), 'city:export', (context) =>
    context.get(CityFileExporter).export(rest[0]),
  );
  const header = `# City file exported from the live city ${rest[0]} on ${new Date().toISOString()}\n`;
  return format === 'json' ? JSON.stringify(file, null, 2) : `${header}${stringify(file).trimEnd()}`;
});
