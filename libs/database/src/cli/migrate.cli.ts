import { loadDotEnv, parseConfig, redactUrl } from '@muvo/config';
import { migrateDatabase } from '../prepare-database';

/** `npm run migration:run`: creates the database if needed and applies pending migrations. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = parseConfig();
  const applied = await migrateDatabase(config);
  const target = redactUrl(config.database.url);
  console.log(applied.length ? `applied ${applied.join(', ')} to ${target}` : `${target} is up to date`);
}

main().catch((error: Error) => {
  console.error(`migration failed: ${error.message}`);
  process.exit(1);
});
