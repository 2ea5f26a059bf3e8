import { DataSource } from 'typeorm';
import { readCity } from '@muvo/cities';
import { runCommand, startProcess } from '@muvo/command';
import { dataSourceOptions } from '@muvo/database';
import { connectUrlOf, deploymentConfigOf } from '../deployment-config';

/**
 * `npm run --silent openpath:config -- CITY URL` → the OpenPATH study config for the city (JSON
 * on stdout), with URL the api's public address (`https://api.example.org`).
 */
runCommand(async (args) => {
  const [cityId, publicUrl] = args.filter((a) => a !== '--');
  if (!cityId || !publicUrl) throw new Error('usage: npm run --silent openpath:config -- CITY URL');
  const config = await startProcess('openpath:config');
  const db = new DataSource({ ...dataSourceOptions(config, 'muvo-openpath-config'), poolSize: 1 });
  await db.initialize();
  try {
    const city = await readCity(db, cityId);
    if (!city) throw new Error(`no city with id "${cityId}" (apply its city file first: npm run city:apply)`);
    const connectUrl = connectUrlOf(publicUrl, config.openpath.pathPrefix);
    if (!connectUrl.startsWith('https://'))
      console.error('warning: the app only connects to https:// servers outside development builds');
    return JSON.stringify(
      deploymentConfigOf(
        { id: city.id, name: city.name, autogen: config.openpath.autogenCities.includes(cityId) },
        connectUrl,
      ),
      null,
      2,
    );
  } finally {
    await db.destroy();
  }
});
