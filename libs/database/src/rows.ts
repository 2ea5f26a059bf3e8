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
