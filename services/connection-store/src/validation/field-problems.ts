import type { z } from 'zod';
import { ValidationFailedError, type FieldProblem } from '@patchbay/platform';

export interface ProblemOptions {
  /** Prefix of every path: `body`, `query`, `params`, `request`. */
  root: string;
  /** What each top-level field accepts, e.g. `{ name: '1-80 characters ...' }`; key `''` for the root value. */
  expected?: Record<string, string>;
  /** Top-level fields whose values are secret: their problems report the type found, never the value. */
  secretFields?: readonly string[];
}

/** Describes a value for an error message without echoing long strings or, for secret fields, anything. */
export function describeFound(value: unknown, secret: boolean): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (secret) return `a ${typeof value}`;
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${typeof value} ${value}`;
  return `a ${typeof value}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function dotted(root: string, path: readonly PropertyKey[]): string {
  return [root, ...path.map(String)].join('.');
}

/**
 * Turns zod issues into one problem per field: the first issue found for a path wins, unknown keys get one
 * problem each. Messages are short sentences; `expected` comes from the caller's table when it has one.
 */
export function toFieldProblems(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  options: ProblemOptions,
): FieldProblem[] {
  const problems = new Map<string, FieldProblem>();
  const add = (
    path: readonly PropertyKey[],
    message: string,
    expected: string | undefined,
    found: unknown,
  ): void => {
    const key = dotted(options.root, path);
    if (problems.has(key)) return;
    const top = path[0] === undefined ? undefined : String(path[0]);
    const secret = top !== undefined && (options.secretFields ?? []).includes(top);
    const problem: FieldProblem = { path: key, message, found: describeFound(found, secret) };
    const tableKey = path.length === 0 ? '' : path.length === 1 ? top : undefined;
    const wanted = (tableKey === undefined ? undefined : options.expected?.[tableKey]) ?? expected;
    if (wanted !== undefined) problem.expected = wanted;
    problems.set(key, problem);
  };
  for (const issue of issues) {
    const found = valueAt(input, issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const extra of issue.keys)
        add([...issue.path, extra], 'is not a known field', 'no such field', valueAt(found, [extra]));
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A record key that fails its schema: report the key itself, with the key schema's own message.
      const key = issue.path[issue.path.length - 1];
      add(issue.path, issue.issues[0]?.message ?? 'is not a valid key', undefined, String(key));
      continue;
    }
    if (found === undefined) {
      add(issue.path, 'is required', issue.code === 'invalid_type' ? issue.expected : undefined, undefined);
      continue;
    }
    if (issue.code === 'invalid_type') {
      add(
        issue.path,
        `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`,
        issue.expected,
        found,
      );
      continue;
    }
    add(issue.path, issue.message, undefined, found);
  }
  return [...problems.values()];
}

/** Parses `input` with `schema` or throws ValidationFailedError listing one problem per field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  options: ProblemOptions,
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = toFieldProblems(result.error.issues, input, options);
  throw new ValidationFailedError(
    `${what} is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    problems,
  );
}
