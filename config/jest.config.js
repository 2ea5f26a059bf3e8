// Jest configuration for the whole monorepo: unit specs next to the code, integration specs under test/.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

/**
 * Packages published only as ES modules (Nest 12, several geo and fastify dependencies). Jest on
 * Node 20 cannot require() them, so SWC compiles them to CommonJS like our own code; listing them
 * from node_modules keeps the list right as dependencies change.
 */
function esmOnlyPackages() {
  const names = [];
  const visit = (dir, scope = '') => {
    let entries = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
      if (!scope && entry.name.startsWith('@')) {
        visit(join(dir, entry.name), entry.name);
        continue;
      }
      try {
        const pkg = JSON.parse(readFileSync(join(dir, entry.name, 'package.json'), 'utf8'));
        if (pkg.type === 'module') names.push(scope ? `${scope}/${entry.name}` : entry.name);
      } catch {
        // not a package
      }
    }
  };
  visit(join(root, 'node_modules'));
  return names.map((n) => n.replace(/[.+]/g, '\\$&'));
}

const swcTs = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023', keepClassNames: true }, module: { type: 'commonjs' } }];

const common = {
  rootDir: root,
  transform: { '^.+\\.ts$': swcTs, '^.+\\.m?js$': swcJs },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages().join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: { '^@muvo/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};

module.exports = {
  // Integration specs mostly wait (on their apps, PostgreSQL, Redis and Chromium): three at a time
  // keep two cores busy without starving them. Each spec has its own Redis prefix and its own city,
  // and the run's one database is shared, so specs never assume they are alone in it.
  maxWorkers: 3,
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/apps', '<rootDir>/libs'], testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-setup.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
