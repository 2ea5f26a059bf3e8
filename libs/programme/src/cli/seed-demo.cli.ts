import { runCommand } from '@muvo/command';
import { applyCityFileAt, DEMO_CITY_FILE } from './apply-city';

/** `npm run --silent seed:demo` → applies the demo city and prints the same JSON as city:apply. */
runCommand(() => applyCityFileAt(DEMO_CITY_FILE));
