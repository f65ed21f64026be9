/**
 * Trigger rules: known type (any case), supported kind, shape, recurrence ranges, concurrency options.
 */
import { TRIGGER_SCHEMAS } from './trigger-shape-schemas.js';
import { checkShape } from './shape-checker.js';
import { jsonPath, type PathSegment } from './json-path.js';
import { renderFound, type DefinitionProblem, type DefinitionProblemCode } from './definition-problem.js';
import { SUPPORTED_REQUEST_KINDS, triggerTypeInfo } from './operation-types.js';
import { hasOperationOption, isKnownOperationOption, parseOperationOptions } from './operation-options.js';
import { LIMITS } from './limits.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function problem(
  segments: PathSegment[],
  code: DefinitionProblemCode,
  expected: string,
  found: string,
  message: string,
): DefinitionProblem {
  const path = jsonPath(segments);
  return { path, code, expected, found, message: `${path}: ${message}` };
}

export function checkTriggers(triggers: unknown, base: PathSegment[]): DefinitionProblem[] {
  if (!isPlainObject(triggers)) return [];
  const problems: DefinitionProblem[] = [];
  const entries = Object.entries(triggers);
  if (entries.length > LIMITS.triggersPerWorkflow) {
    problems.push(
      problem(
        [...base, 'triggers'],
        'limit-exceeded',
        `at most ${LIMITS.triggersPerWorkflow} triggers`,
        String(entries.length),
        'too many triggers.',
      ),
    );
  }
  for (const [name, trigger] of entries) {
    if (!isPlainObject(trigger)) continue;
    problems.push(...checkTrigger(name, trigger, [...base, 'triggers', name]));
  }
  return problems;
}

function checkTrigger(
  name: string,
  trigger: Record<string, unknown>,
  at: PathSegment[],
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (name.length > LIMITS.nameLength) {
    problems.push(
      problem(
        at,
        'limit-exceeded',
        `a name of at most ${LIMITS.nameLength} characters`,
        String(name.length),
        'the trigger name is too long.',
      ),
    );
  }
  const info = triggerTypeInfo(trigger['type']);
  if (info === undefined) {
    const type = trigger['type'];
    problems.push(
      typeof type === 'string'
        ? problem(
            [...at, 'type'],
            'unknown-trigger-type',
            'a known trigger type',
            type,
            `unknown trigger type '${type}'.`,
          )
        : problem(
            [...at, 'type'],
            type === undefined ? 'missing-property' : 'invalid-type',
            'a trigger type name',
            renderFound(type),
            'every trigger needs a type.',
          ),
    );
    return problems;
  }
  if (info.category === 'unsupported') {
    problems.push({
      ...problem(
        [...at, 'type'],
        'unsupported-feature',
        'a trigger type Patchbay serves',
        info.type,
        `trigger type '${info.type}' (${info.feature ?? info.type}) is valid WDL that Patchbay does not serve yet.`,
      ),
      feature: info.feature ?? info.type,
    });
    return problems;
  }
  const kind = trigger['kind'];
  if (
    info.category === 'request' &&
    typeof kind === 'string' &&
    !SUPPORTED_REQUEST_KINDS.includes(kind.toLowerCase())
  ) {
    problems.push({
      ...problem(
        [...at, 'kind'],
        'unsupported-feature',
        'kind Http',
        kind,
        `Request trigger kind '${kind}' is not served by Patchbay yet.`,
      ),
      feature: `request-kind-${kind.toLowerCase()}`,
    });
  }
  const schema = TRIGGER_SCHEMAS[info.type];
  if (schema !== undefined) problems.push(...checkShape(schema, trigger, at));
  problems.push(...checkRecurrence(trigger['recurrence'], [...at, 'recurrence']));
  for (const flag of parseOperationOptions(trigger['operationOptions'])) {
    if (!isKnownOperationOption(flag)) {
      problems.push(
        problem(
          [...at, 'operationOptions'],
          'invalid-value',
          'known operation options',
          flag,
          `unknown operation option '${flag}'.`,
        ),
      );
    }
  }
  const runtime = trigger['runtimeConfiguration'];
  const concurrency =
    isPlainObject(runtime) && isPlainObject(runtime['concurrency']) ? runtime['concurrency'] : undefined;
  if (concurrency !== undefined) {
    const runs = concurrency['runs'];
    if (
      typeof runs === 'number' &&
      (runs < LIMITS.triggerConcurrency.min || runs > LIMITS.triggerConcurrency.max)
    ) {
      problems.push(
        problem(
          [...at, 'runtimeConfiguration', 'concurrency', 'runs'],
          'out-of-range',
          `from ${LIMITS.triggerConcurrency.min} to ${LIMITS.triggerConcurrency.max}`,
          String(runs),
          'trigger concurrency out of range.',
        ),
      );
    }
    const waiting = concurrency['maximumWaitingRuns'];
    if (
      typeof waiting === 'number' &&
      (waiting < LIMITS.maximumWaitingRuns.min || waiting > LIMITS.maximumWaitingRuns.max)
    ) {
      problems.push(
        problem(
          [...at, 'runtimeConfiguration', 'concurrency', 'maximumWaitingRuns'],
          'out-of-range',
          `from ${LIMITS.maximumWaitingRuns.min} to ${LIMITS.maximumWaitingRuns.max}`,
          String(waiting),
          'maximum waiting runs out of range.',
        ),
      );
    }
    if (runs !== undefined && hasOperationOption(trigger['operationOptions'], 'SingleInstance')) {
      problems.push(
        problem(
          [...at, 'operationOptions'],
          'conflicting-options',
          'either SingleInstance or concurrency.runs, not both',
          'both',
          'SingleInstance conflicts with runtimeConfiguration.concurrency.runs.',
        ),
      );
    }
  }
  return problems;
}

function checkRecurrence(recurrence: unknown, at: PathSegment[]): DefinitionProblem[] {
  if (!isPlainObject(recurrence)) return [];
  const frequency =
    typeof recurrence['frequency'] === 'string' ? recurrence['frequency'].toLowerCase() : undefined;
  const interval = recurrence['interval'];
  const problems: DefinitionProblem[] = [];
  if (frequency !== undefined && typeof interval === 'number') {
    const max = LIMITS.recurrenceInterval[frequency];
    if (max !== undefined && (interval < 1 || interval > max)) {
      problems.push(
        problem(
          [...at, 'interval'],
          'out-of-range',
          `from 1 to ${max} for frequency ${String(recurrence['frequency'])}`,
          String(interval),
          'recurrence interval out of range.',
        ),
      );
    }
  }
  const schedule = recurrence['schedule'];
  if (isPlainObject(schedule) && frequency !== undefined) {
    if (
      (schedule['hours'] !== undefined || schedule['minutes'] !== undefined) &&
      frequency !== 'day' &&
      frequency !== 'week'
    ) {
      problems.push(
        problem(
          [...at, 'schedule'],
          'invalid-value',
          'hours/minutes only with frequency Day or Week',
          String(recurrence['frequency']),
          'schedule hours and minutes need frequency Day or Week.',
        ),
      );
    }
    if (schedule['weekDays'] !== undefined && frequency !== 'week') {
      problems.push(
        problem(
          [...at, 'schedule', 'weekDays'],
          'invalid-value',
          'weekDays only with frequency Week',
          String(recurrence['frequency']),
          'schedule weekDays need frequency Week.',
        ),
      );
    }
  }
  return problems;
}
