import { runCommand } from '@muvo/command';
import { applyCityFileAt } from './apply-city';

/** `npm run --silent city:apply -- FILE` → `{cityId, accounts:[…]}` on stdout. */
runCommand(async (args) => {
  const files = args.filter((a) => a !== '--');
  if (files.length !== 1) throw new Error('usage: npm run --silent city:apply -- FILE (a YAML or JSON city file)');
  return applyCityFileAt(files[0]);
});
