import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a statement and returns its rows, whatever the statement. TypeORM's `query()` answers
 * SELECT and INSERT … RETURNING with the rows but UPDATE/DELETE … RETURNING with
 * `[rows, affectedCount]`, which reads as a row when destructured: every RETURNING goes through here.
 */
export async function rows<T>(db: EntityManager | DataSource, text: string, parameters: unknown[] = []): Promise<T[]> {
  const result: unknown = await db.query(text, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

interface PreparingClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a hot statement as a named prepared statement on the transaction's own connection, so
 * PostgreSQL parses and plans it once per connection instead of on every call (for multi-part
 * statements, planning can cost more than running). Outside a transaction (no query runner
 * holding a connection) it falls back to {@link rows}. `name` must identify `text` uniquely.
 */
export async function preparedRows<T>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const client = (manager.queryRunner as unknown as { databaseConnection?: PreparingClient } | undefined)
    ?.databaseConnection;
  if (!client) return rows<T>(manager, text, values);
  return (await client.query({ name: `muvo-${name}`, text, values })).rows as T[];
}
