/** Questions other services ask about a definition, answered from the action tree. */
import { buildActionTree } from './action-tree.js';
import { unwrapDefinition } from './workflow-document.js';

/**
 * Whether any action (nested ones included) is a Response. Trigger ingestion answers the caller 202
 * at once when there is none, and otherwise waits for the run's `sendResponse`.
 */
export function hasResponseAction(definition: unknown): boolean {
  const tree = buildActionTree(unwrapDefinition(definition).definition);
  return [...tree.actions.values()].some((node) => node.info?.type === 'Response');
}
