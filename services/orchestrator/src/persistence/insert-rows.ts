import type { EntityManager, EntityTarget, InsertResult, ObjectLiteral } from 'typeorm';

/**
 * Inserts entity rows. TypeORM's insert typing cannot express JSON columns typed `unknown`; the rows here are
 * instances of our own entity classes, so the cast loses nothing.
 */
export function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T | T[],
): Promise<InsertResult> {
  return manager.insert(target, rows as Parameters<EntityManager['insert']>[1]);
}
