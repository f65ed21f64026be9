import type { EntityManager, EntityTarget, InsertResult, ObjectLiteral } from 'typeorm';

/**
 * Inserts entity rows. Typed through a generic `ObjectLiteral` target because TypeORM's per-entity insert typing
 * cannot express JSON columns typed `unknown`.
 */
export function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T | T[],
): Promise<InsertResult> {
  return manager.insert(target, rows);
}
