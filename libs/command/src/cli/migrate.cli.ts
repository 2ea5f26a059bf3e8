import { redactUrl } from '@muvo/config';
import { prepareServices, startProcess } from '../start-process';
import { runCommand } from '../run-command';

/** `npm run migration:run`: creates the database if needed and applies pending migrations. */
runCommand(async () => {
  const config = await startProcess('migrate');
  const applied = await prepareServices(config, 'migrate');
  const target = redactUrl(config.database.url);
  return applied.length ? `applied ${applied.join(', ')} to ${target}` : `${target} is up to date`;
});
