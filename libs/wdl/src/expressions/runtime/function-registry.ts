import { ALL_FUNCTIONS } from '../functions/all-functions.js';
import type { FunctionDefinition } from './function-definition.js';

/** Function names are case-insensitive in WDL (`@Concat(...)` works like `@concat(...)`). */
const REGISTRY: ReadonlyMap<string, FunctionDefinition> = new Map(
  ALL_FUNCTIONS.map((definition) => [definition.name.toLowerCase(), definition]),
);

export function lookupFunction(name: string): FunctionDefinition | undefined {
  return REGISTRY.get(name.toLowerCase());
}

/** Canonical names of every function the engine knows, in alphabetical order. */
export function functionNames(): string[] {
  return [...REGISTRY.values()].map((definition) => definition.name).sort((a, b) => a.localeCompare(b));
}
