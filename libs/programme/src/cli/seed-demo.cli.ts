import { join } from 'node:path';
import { runCommand } from '@muvo/observability';
import { applyCityFileAt } from './apply-city';

/** The demo city shipped with muvo (real streets of Palermo's historic centre). */
export const DEMO_CITY_FILE = join(__dirname, '..', '..', '..', '..', 'config', 'cities', 'palermo-centro.yaml');

/** `npm run --silent seed:demo` → applies the demo city and prints the same JSON as city:apply. */
runCommand(() => applyCityFileAt(DEMO_CITY_FILE));
