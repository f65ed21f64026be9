/** One element of `corpus/expressions/vectors.json` (fields as documented in the corpus README). */
export interface ExpressionVector {
  readonly id: string;
  readonly function: string;
  readonly expression: string;
  readonly expected?: unknown;
  readonly context?: VectorContext;
  readonly nondeterministic?: boolean;
  readonly check?: string;
  readonly expectedIfClockPinned?: unknown;
  readonly ambiguous?: boolean;
  readonly docStated?: unknown;
  readonly resultUndocumented?: boolean;
  readonly derived?: boolean;
  readonly expectedNodeTexts?: readonly string[];
  readonly compare?: string;
  readonly notes?: string;
  readonly source?: string;
}

export interface VectorContext {
  readonly parameters?: Record<string, unknown>;
  readonly variables?: Record<string, unknown>;
  readonly trigger?: unknown;
  readonly actions?: Record<string, unknown>;
  readonly item?: unknown;
  readonly items?: Record<string, unknown>;
  readonly workflow?: unknown;
  readonly now?: string;
  readonly note?: string;
}

/** Checks the shape of the file without trusting it: every vector needs an id and an expression. */
export function readVectors(json: unknown): ExpressionVector[] | string {
  if (!Array.isArray(json)) return 'the vectors file must hold a JSON array';
  for (const [index, item] of json.entries()) {
    if (typeof item !== 'object' || item === null) return `element ${index} is not an object`;
    const record = item as Record<string, unknown>;
    if (
      typeof record['id'] !== 'string' ||
      typeof record['expression'] !== 'string' ||
      typeof record['function'] !== 'string'
    ) {
      return `element ${index} lacks a string id, function or expression`;
    }
  }
  return json as ExpressionVector[];
}

/** `expected: {"error": true}` means evaluation must fail. */
export function expectsError(vector: ExpressionVector): boolean {
  const expected = vector.expected;
  return (
    typeof expected === 'object' &&
    expected !== null &&
    !Array.isArray(expected) &&
    (expected as Record<string, unknown>)['error'] === true &&
    Object.keys(expected).length === 1
  );
}
