/**
 * What an expression may read while it is evaluated. The interpreter builds one of these per action
 * (or per loop iteration) from the run state; the expression engine never touches I/O, the clock or
 * randomness except through this object.
 *
 * This file is the contract between the expression engine (`libs/wdl/src/expressions`) and the
 * interpreter (`libs/wdl/src/interpreter`). Change it only in agreement with both.
 */
export interface EvaluationContext {
  /** Value of a workflow parameter; `undefined` when it is not declared. */
  parameter(name: string): unknown;
  /** Current value of a variable; `undefined` when it is not initialized. */
  variable(name: string): unknown;
  /** `trigger()`: `{ name, inputs, outputs, startTime, endTime, status, ... }`. `outputs` holds `headers`, `body`, `queries`, ... */
  trigger(): unknown;
  /**
   * `actions(name)`: the action's result object `{ name, inputs, outputs, startTime, endTime, status, code, error, ... }`,
   * or `undefined` when the action has no result yet (never ran, or not in scope).
   */
  action(name: string): unknown;
  /**
   * `action()`: the result object of the action whose inputs are being evaluated, where Logic Apps allows it
   * (a webhook action's unsubscribe, trackedProperties, an Until condition). Optional: contexts that cannot
   * offer it leave it out, and `action()` then fails with a typed error.
   */
  currentAction?(): unknown;
  /** `item()`: the current item of the innermost Foreach (or the current splitOn item). `undefined` outside a loop. */
  item(): unknown;
  /** `items(loopName)`: the current item of the named enclosing Foreach. `undefined` when not inside it. */
  items(loopName: string): unknown;
  /** `iterationIndexes(loopName)`: zero-based index of the named enclosing Until loop. */
  iterationIndex(loopName: string): number | undefined;
  /** `workflow()`: `{ id, name, type, location, run: { id, name, type }, tags, ... }`. */
  workflow(): unknown;
  /** `result(scopeName)`: results of the top-level actions inside a Scope/If/Switch/Foreach/Until, as an array. */
  result(scopeName: string): unknown[] | undefined;
  /** `listCallbackUrl()`: the callback URL of the current trigger or webhook action. */
  callbackUrl(): string | undefined;
  /** The injected clock. */
  now(): Date;
  /** The injected id source, for `guid()`. Returns a lower-case RFC 4122 UUID string. */
  newGuid(): string;
  /** The injected random source, uniform in [0, 1), for `rand()`. */
  random(): number;
}
