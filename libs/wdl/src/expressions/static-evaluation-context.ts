import { randomUUID } from 'node:crypto';
import type { EvaluationContext } from './evaluation-context.js';
import { isObject, ownProperty } from './values/value-types.js';

/** Plain data for an {@link EvaluationContext}: what the conformance vectors, tests and tools supply. */
export interface StaticContextData {
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly variables?: Readonly<Record<string, unknown>>;
  /** The trigger's runtime object, `{ outputs: { headers, body } }`. */
  readonly trigger?: unknown;
  /** Action name -> result object (`{ outputs: {...}, status, ... }`). */
  readonly actions?: Readonly<Record<string, unknown>>;
  readonly item?: unknown;
  /** Foreach loop name -> current item. */
  readonly items?: Readonly<Record<string, unknown>>;
  /** Until loop name -> current zero-based index. */
  readonly iterationIndexes?: Readonly<Record<string, number>>;
  readonly workflow?: unknown;
  /** Scope name -> results of its top-level actions. */
  readonly results?: Readonly<Record<string, unknown[]>>;
  readonly callbackUrl?: string;
  readonly currentAction?: unknown;
  /** The pinned clock; the real clock when omitted. */
  readonly now?: Date | string | (() => Date);
  /** Id source for `guid()`; random UUIDs when omitted. */
  readonly newGuid?: () => string;
  /** Uniform [0, 1) source for `rand()`; `Math.random` when omitted. */
  readonly random?: () => number;
}

function lookup<T>(map: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  if (map === undefined || !isObject(map)) return undefined;
  return ownProperty(map, name) as T | undefined;
}

/**
 * An evaluation context over fixed data. For tests, tools and the conformance runner; the interpreter builds
 * its own context from run state with the clock and id source it injects.
 */
export function createStaticEvaluationContext(data: StaticContextData = {}): EvaluationContext {
  const now = data.now;
  const clock: () => Date =
    now === undefined
      ? () => new Date()
      : typeof now === 'function'
        ? now
        : (
            (pinned) => () =>
              new Date(pinned.getTime())
          )(typeof now === 'string' ? new Date(now) : now);
  return {
    parameter: (name) => lookup(data.parameters, name),
    variable: (name) => lookup(data.variables, name),
    trigger: () => data.trigger,
    action: (name) => lookup(data.actions, name),
    currentAction: () => data.currentAction,
    item: () => data.item,
    items: (loopName) => lookup(data.items, loopName),
    iterationIndex: (loopName) => lookup(data.iterationIndexes, loopName),
    workflow: () => data.workflow,
    result: (scopeName) => lookup(data.results, scopeName),
    callbackUrl: () => data.callbackUrl,
    now: clock,
    newGuid: data.newGuid ?? randomUUID,
    random: data.random ?? Math.random,
  };
}
