import { compileTemplate, createStaticEvaluationContext, type EvaluationContext } from '@patchbay/wdl';
import { applyCheck } from './check-automation.js';
import { expectsError, type ExpressionVector } from './expression-vector.js';
import { comparableResult, jsonEqual, nodeTexts, resultXmlText, xmlEqual } from './result-comparison.js';

/** pass/fail are counted; `ambiguous` and `reported` vectors are shown but not counted (README rules 1 and 3). */
export type VectorOutcome = 'pass' | 'fail' | 'ambiguous' | 'reported';

export interface VectorResult {
  readonly id: string;
  readonly function: string;
  readonly derived: boolean;
  readonly outcome: VectorOutcome;
  /** The rule of the README that decided the outcome (1-6). */
  readonly rule: number;
  readonly actual?: unknown;
  readonly error?: string;
  /** What was compared or checked. */
  readonly detail: string;
}

/**
 * A callback URL for `listCallbackUrl()`: the runner stands in for the host, as it does for the clock
 * and the random sources.
 */
const HOST_CALLBACK_URL =
  'https://patchbay.example/workflows/conformance/triggers/manual/run?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=conformance';

function contextFor(vector: ExpressionVector): EvaluationContext {
  const c = vector.context ?? {};
  return createStaticEvaluationContext({
    parameters: c.parameters,
    variables: c.variables,
    trigger: c.trigger,
    actions: c.actions,
    item: c.item,
    items: c.items,
    workflow: c.workflow,
    now: c.now,
    callbackUrl: HOST_CALLBACK_URL,
  });
}

type Evaluation = { ok: true; value: unknown } | { ok: false; error: string };

function evaluate(vector: ExpressionVector): Evaluation {
  try {
    return { ok: true, value: compileTemplate(vector.expression).evaluate(contextFor(vector)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Applies the first matching rule of corpus/expressions/README.md to one vector. */
export function runVector(vector: ExpressionVector): VectorResult {
  const result = evaluate(vector);
  const base = { id: vector.id, function: vector.function, derived: vector.derived === true };
  const actual = result.ok ? { actual: result.value } : { error: result.error };
  const show = (rule: number, outcome: VectorOutcome, detail: string): VectorResult => ({
    ...base,
    ...actual,
    rule,
    outcome,
    detail,
  });

  // Rule 1: ambiguous vectors are evaluated and shown, never counted.
  if (vector.ambiguous === true) {
    const parts = [];
    if ('expected' in vector) parts.push(`our reading ${JSON.stringify(vector.expected)}`);
    if ('docStated' in vector) parts.push(`doc states ${JSON.stringify(vector.docStated)}`);
    if (vector.check !== undefined && parts.length === 0) parts.push(`check: ${vector.check}`);
    return show(1, 'ambiguous', parts.join('; '));
  }
  // Rule 2: nondeterministic, with the clock pinned when the vector gives `now`.
  if (vector.nondeterministic === true) {
    if (vector.context?.now !== undefined && 'expectedIfClockPinned' in vector) {
      const passed = result.ok && jsonEqual(result.value, vector.expectedIfClockPinned);
      return show(
        2,
        passed ? 'pass' : 'fail',
        `clock pinned to ${vector.context.now}; expected ${JSON.stringify(vector.expectedIfClockPinned)}`,
      );
    }
    return checked(2, result, vector, show);
  }
  // Rule 3: no documented literal result; automate the check where possible (xpath node vectors go to rule 5).
  if (
    (vector.resultUndocumented === true || !('expected' in vector)) &&
    vector.expectedNodeTexts === undefined
  ) {
    if (vector.context?.note !== undefined)
      return show(3, 'reported', `setup not expressible as data: ${vector.context.note}`);
    return checked(3, result, vector, show);
  }
  // Rule 4: the evaluation must fail.
  if (expectsError(vector)) return show(4, result.ok ? 'fail' : 'pass', 'expected an error');
  // Rule 5: node sets compare by the text of their nodes.
  if (vector.expectedNodeTexts !== undefined) {
    const texts = result.ok ? nodeTexts(result.value) : undefined;
    const passed = texts !== undefined && jsonEqual(texts, vector.expectedNodeTexts);
    return show(
      5,
      passed ? 'pass' : 'fail',
      `node texts ${JSON.stringify(texts ?? null)}; expected ${JSON.stringify(vector.expectedNodeTexts)}`,
    );
  }
  // Rule 6: JSON equality, or XML equality for `compare: "xml"`.
  if (!result.ok) return show(6, 'fail', `expected ${JSON.stringify(vector.expected)}`);
  if (vector.compare === 'xml') {
    const actualXml = resultXmlText(result.value);
    const passed =
      actualXml !== undefined && typeof vector.expected === 'string' && xmlEqual(actualXml, vector.expected);
    return show(
      6,
      passed ? 'pass' : 'fail',
      `as XML ${JSON.stringify(actualXml ?? null)}; expected ${JSON.stringify(vector.expected)}`,
    );
  }
  const comparable = comparableResult(result.value, vector.expected);
  const passed = jsonEqual(comparable, vector.expected);
  const how = comparable === result.value ? '' : 'binary result compared by its base64 $content; ';
  return show(6, passed ? 'pass' : 'fail', `${how}expected ${JSON.stringify(vector.expected)}`);
}

function checked(
  rule: number,
  result: Evaluation,
  vector: ExpressionVector,
  show: (rule: number, outcome: VectorOutcome, detail: string) => VectorResult,
): VectorResult {
  const outcome = result.ok ? applyCheck(vector.check, result.value) : applyCheck(vector.check, undefined);
  if (!outcome.automated) return show(rule, 'reported', `check not automated: ${vector.check ?? '(none)'}`);
  return show(rule, result.ok && outcome.passed ? 'pass' : 'fail', `check: ${outcome.how}`);
}
