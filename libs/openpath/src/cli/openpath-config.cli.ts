import { Client } from 'pg';
import { loadDotEnv, parseConfig } from '@muvo/config';
import { runCommand } from '@muvo/observability';
import { connectUrlOf, deploymentConfigOf } from '../deployment-config';

/**
 * `npm run --silent openpath:config -- CITY URL` → the OpenPATH study config for the city (JSON
 * on stdout), with URL the api's public address (`https://api.example.org`).
 */
runCommand(async (args) => {
  const [cityId, publicUrl] = args.filter((a) => a !== '--');
  if (!cityId || !publicUrl) throw new Error('usage: npm run --silent openpath:config -- CITY URL');
  loadDotEnv();
  const config = parseConfig();
  const db = new Client({ connectionString: config.database.url });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; name: string }>(`SELECT id, name FROM cities WHERE id = $1`, [cityId]);
    if (!rows.length) throw new Error(`no city with id "${cityId}" (apply its city file first: npm run city:apply)`);
    const connectUrl = connectUrlOf(publicUrl, config.openpath.pathPrefix);
    if (!connectUrl.startsWith('https://')) console.error('warning: the app only connects to https:// servers outside development builds');
    return JSON.stringify(
      deploymentConfigOf({ ...rows[0], autogen: config.openpath.autogenCities.includes(cityId) }, connectUrl),
      null,
      2,
    );
  } finally {
    await db.end();
  }
});
