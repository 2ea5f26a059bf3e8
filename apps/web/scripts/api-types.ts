import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

/** The apps whose OpenAPI documents the web app is typed against, and where each one's types live. */
export const API_TYPE_FILES = {
  api: join(__dirname, '..', 'src', 'api', 'api-schema.d.ts'),
  voucher: join(__dirname, '..', 'src', 'api', 'voucher-schema.d.ts'),
} as const;

export type TypedApp = keyof typeof API_TYPE_FILES;

/**
 * The TypeScript declarations of one app's OpenAPI document, as committed under
 * `apps/web/src/api`: the web app's typecheck then fails when an endpoint it uses changes.
 */
export async function renderApiTypes(app: TypedApp, document: object): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: true });
  const source =
    `// Generated from the ${app} app's OpenAPI document by \`npm run web:api-types\`: do not edit.\n` +
    `// test/web-app.e2e-spec.ts fails when this file is out of date.\n\n` +
    astToString(ast);
  // Formatted as the repository's own files, so `npm run format` leaves it as generated.
  const options = await resolveConfig(API_TYPE_FILES[app]);
  return format(source, { ...options, parser: 'typescript' });
}
