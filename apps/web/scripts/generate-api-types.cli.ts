import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadDotEnv, parseConfig } from '@muvo/config';
import { prepareServices } from '@muvo/command';
import { createHttpApp, type HttpAppDefinition } from '@muvo/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_APP } from '../../api/src/api.app';
import { VOUCHER_APP } from '../../voucher/src/voucher.app';
import { API_TYPE_FILES, renderApiTypes, type TypedApp } from './api-types';

/**
 * `npm run web:api-types` — writes the web app's API types from the apps' OpenAPI documents.
 *
 * By default it builds each app in this process with the local configuration (like `npm start`,
 * it needs PostgreSQL and Redis) and reads the document from Nest's swagger builder without
 * listening on a port. `-- --from http://localhost:3000 http://localhost:3001` reads the documents
 * of running apps instead. `-- --check` writes nothing and fails when a committed file differs
 * (test/web-app.e2e-spec.ts runs it against the apps it starts).
 */
const APPS: Record<TypedApp, HttpAppDefinition> = { api: API_APP, voucher: VOUCHER_APP };

async function documentOfBuiltApp(definition: HttpAppDefinition): Promise<object> {
  loadDotEnv();
  const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent' });
  // The apps' modules connect at boot, to an up-to-date schema, as under `npm start`.
  await prepareServices(config, 'web:api-types');
  const app: NestFastifyApplication = await createHttpApp(
    definition.module(config),
    { ...definition.options(config), name: definition.name },
    config,
  );
  try {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs/openapi.json' });
    return response.json();
  } finally {
    await app.close();
  }
}

async function documentOfRunningApp(baseUrl: string): Promise<object> {
  const response = await fetch(new URL('/docs/openapi.json', baseUrl));
  if (!response.ok) throw new Error(`${baseUrl}/docs/openapi.json answered ${response.status}`);
  return (await response.json()) as object;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const from = args.indexOf('--from');
  const urls = from >= 0 ? args.slice(from + 1).filter((a) => !a.startsWith('--')) : [];
  const apps = Object.keys(APPS) as TypedApp[];
  if (from >= 0 && urls.length !== apps.length) throw new Error(`--from needs ${apps.length} URLs: ${apps.join(', ')}`);
  let stale = 0;
  for (const [i, app] of apps.entries()) {
    const document = urls[i] ? await documentOfRunningApp(urls[i]) : await documentOfBuiltApp(APPS[app]);
    const types = await renderApiTypes(app, document);
    const file = relative(process.cwd(), API_TYPE_FILES[app]);
    if (!check) {
      writeFileSync(API_TYPE_FILES[app], types);
      console.log(`wrote ${file}`);
    } else if (readFileSync(API_TYPE_FILES[app], 'utf8') !== types) {
      console.error(`${file} is out of date with the ${app} app's OpenAPI document: run npm run web:api-types`);
      stale++;
    }
  }
  return stale ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`web:api-types: ${error.message}`);
    process.exit(1);
  },
);
