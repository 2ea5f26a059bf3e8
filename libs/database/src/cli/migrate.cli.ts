import { loadDotEnv, parseConfig, redactUrl } from '@muvo/config';
import { assertServicesReachable } from '@muvo/http';
import { runCommand } from '@muvo/observability';
import { migrateDatabase } from '../prepare-database';

/** `npm run migration:run`: creates the database if needed and applies pending migrations. */
runCommand(async () => {
  loadDotEnv();
  const config = parseConfig();
  await assertServicesReachable(config, 'migrate');
  const applied = await migrateDatabase(config);
  const target = redactUrl(config.database.url);
  return applied.length ? `applied ${applied.join(', ')} to ${target}` : `${target} is up to date`;
});
