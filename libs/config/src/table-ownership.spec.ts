import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TABLE_OWNERS } from '../../database/src/table-owners';

const ROOT = join(__dirname, '..', '..', '..');
const LIBS = join(ROOT, 'libs');
const MIGRATIONS = join(LIBS, 'database', 'src', 'migrations');

/**
 * Foreign tables a lib's SQL may still name: none. Work that spans contexts calls each owner's
 * function, passing the transaction's EntityManager where it must stay in one transaction; the
 * scoring worker's batched statements embed the owners' own SQL parts (exported next to their
 * tables) so each stays a single statement. An entry added here for a migration period fails the
 * spec once it is no longer needed, so the list only shrinks.
 */
const ALLOWED: Record<string, string[]> = {};

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === MIGRATIONS ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The text of every string and template literal of a TypeScript source (template text without its
 * `${…}` parts), comments skipped: SQL lives in strings, and prose about "trips" in comments is not SQL.
 */
export function stringLiterals(source: string): string[] {
  const found: string[] = [];
  const templates: number[] = []; // brace depth inside each open `${`
  let i = 0;
  const readTemplate = () => {
    let text = '';
    while (i < source.length) {
      const c = source[i];
      if (c === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        i++;
        found.push(text);
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        i += 2;
        found.push(text);
        templates.push(0);
        return;
      } else text += source[i++];
    }
    found.push(text);
  };
  let lastSignificant = ';';
  while (i < source.length) {
    const c = source[i];
    const before = lastSignificant;
    if (!/\s/.test(c) && !(c === '/' && (source[i + 1] === '/' || source[i + 1] === '*'))) lastSignificant = c;
    if (c === '/' && source[i + 1] === '/')
      i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    else if (c === '/' && source[i + 1] === '*')
      i = source.indexOf('*/', i + 2) === -1 ? source.length : source.indexOf('*/', i + 2) + 2;
    else if (c === '/' && /[(,=:[!&|?{};]/.test(before)) {
      // A regular expression literal (a `/` where a value starts): skipped, quotes in it open no string.
      let inClass = false;
      for (i++; i < source.length && source[i] !== '\n'; i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        else if (source[i] === '/' && !inClass) break;
      }
      i++;
    } else if (c === "'" || c === '"') {
      let text = '';
      i++;
      // A quote inside a regular expression would open a "string" that never closes: stop at the line's end.
      while (i < source.length && source[i] !== c && source[i] !== '\n')
        text += source[i] === '\\' ? source[i++] + source[i++] : source[i++];
      i++;
      found.push(text);
    } else if (c === '`') {
      i++;
      readTemplate();
    } else if (templates.length && c === '{') {
      templates[templates.length - 1]++;
      i++;
    } else if (templates.length && c === '}') {
      i++;
      if (templates[templates.length - 1]-- === 0) {
        templates.pop();
        readTemplate();
      }
    } else i++;
  }
  return found;
}

const IDENT = '[a-z_][a-z0-9_]*';
/** A table after a keyword that names one; `FROM a x, b y` lists several. */
const TABLE_AFTER_KEYWORD = new RegExp(
  `\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE|REFERENCES)\\s+(?:ONLY\\s+)?(${IDENT}(?:\\s+(?:AS\\s+)?${IDENT})?(?:\\s*,\\s*${IDENT}(?:\\s+(?:AS\\s+)?${IDENT})?)*)`,
  'g',
);

/** The known tables a piece of SQL names. */
export function tablesNamed(sql: string, known: Set<string>): string[] {
  const tables = new Set<string>();
  for (const [, list] of sql.matchAll(TABLE_AFTER_KEYWORD))
    for (const part of list.split(',')) {
      const name = part.trim().split(/\s+/)[0];
      if (known.has(name)) tables.add(name);
    }
  return [...tables];
}

/** Tables the migrations create (and do not drop again on the way up). */
function migratedTables(): Set<string> {
  const tables = new Set<string>();
  for (const file of readdirSync(MIGRATIONS).filter((f) => /^\d+-.*\.ts$/.test(f))) {
    const up = readFileSync(join(MIGRATIONS, file), 'utf8').split(/async down\s*\(/)[0];
    for (const [, name] of up.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_][a-z0-9_]*)/g)) tables.add(name);
    for (const [, name] of up.matchAll(/DROP TABLE (?:IF EXISTS )?"?([a-z_][a-z0-9_]*)/g)) tables.delete(name);
    for (const [, from, to] of up.matchAll(/ALTER TABLE "?([a-z_][a-z0-9_]*)"? RENAME TO "?([a-z_][a-z0-9_]*)/g)) {
      tables.delete(from);
      tables.add(to);
    }
  }
  return tables;
}

const owners: Record<string, string> = TABLE_OWNERS;
const KNOWN = new Set([...migratedTables(), ...Object.keys(owners)]);

/** `lib → table → files` for every table a lib's SQL names but does not own. */
function foreignTables(): Map<string, Map<string, Set<string>>> {
  const found = new Map<string, Map<string, Set<string>>>();
  for (const lib of readdirSync(LIBS)) {
    for (const file of sourceFiles(join(LIBS, lib, 'src'))) {
      for (const text of stringLiterals(readFileSync(file, 'utf8')))
        for (const table of tablesNamed(text, KNOWN)) {
          if (owners[table] === lib) continue;
          const tables = found.get(lib) ?? new Map<string, Set<string>>();
          found.set(lib, tables);
          tables.set(table, (tables.get(table) ?? new Set()).add(relative(ROOT, file)));
        }
    }
  }
  return found;
}

describe('table ownership', () => {
  it('reads the tables out of SQL in strings and templates, not out of comments', () => {
    const source = [
      '// reads from trips: FROM trips',
      'const a = `SELECT t.id FROM trips t JOIN cities c ON c.id = t.city_id WHERE ${x ? `o.id = $1` : "TRUE"}`;',
      "const b = 'UPDATE accounts SET x = 1'; /* INSERT INTO vouchers */",
      'const c = `UPDATE offers o SET n = 1 FROM offers x, merchants m WHERE ${`${y}`} AND EXISTS (SELECT 1 FROM ledger_transfers)`;',
      "const d = /'/g; const e = 'DELETE FROM team_members';",
    ].join('\n');
    const named = stringLiterals(source).flatMap((text) => tablesNamed(text, KNOWN));
    expect(named.sort()).toEqual([
      'accounts',
      'cities',
      'ledger_transfers',
      'merchants',
      'offers',
      'team_members',
      'trips',
    ]);
  });

  it('gives every table the migrations create one owning lib that exists', () => {
    const tables = migratedTables();
    expect(tables.size).toBeGreaterThan(20);
    expect([...tables].filter((t) => !(t in owners))).toEqual([]);
    expect([...new Set(Object.values(owners))].filter((lib) => !existsSync(join(LIBS, lib, 'src')))).toEqual([]);
  });

  it("lets no lib's SQL name another lib's table (beyond the listed, shrinking allowance)", () => {
    const found = foreignTables();
    const violations: string[] = [];
    for (const [lib, tables] of found)
      for (const [table, files] of tables)
        if (!ALLOWED[lib]?.includes(table))
          violations.push(`${lib} names ${table} (owned by ${owners[table]}) in ${[...files].join(', ')}`);
    const stale = Object.entries(ALLOWED).flatMap(([lib, tables]) =>
      tables.filter((t) => !found.get(lib)?.has(t)).map((t) => `${lib} no longer names ${t}: remove it from ALLOWED`),
    );
    expect([...violations, ...stale]).toEqual([]);
  });

  it('keeps SQL out of the apps', () => {
    const apps = join(ROOT, 'apps');
    const withSql = readdirSync(apps)
      .flatMap((app) => sourceFiles(join(apps, app, 'src')))
      .filter((file) =>
        stringLiterals(readFileSync(file, 'utf8')).some((text) =>
          /\b(SELECT|INSERT INTO|UPDATE\s+\w+\s+SET|DELETE FROM)\b/.test(text),
        ),
      );
    expect(withSql.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
