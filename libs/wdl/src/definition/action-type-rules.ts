/**
 * Rules for particular action types: Foreach concurrency, Until limits, Switch cases, variable names,
 * Response status codes, Wait inputs, retry policies and durations.
 */
import type { ActionNode } from './action-tree.js';
import type { PathSegment } from './json-path.js';
import type { DefinitionProblem } from './definition-problem.js';
import { hasOperationOption } from './operation-options.js';
import { parseIsoDuration } from './iso-duration.js';
import { LIMITS } from './limits.js';
import { isPlainObject, problemAt as problem } from './problem-factory.js';

export function checkDuration(
  text: string,
  segments: PathSegment[],
  range?: { min: number; max: number },
): DefinitionProblem[] {
  const ms = parseIsoDuration(text);
  if (ms === undefined)
    return [
      problem(
        segments,
        'invalid-duration',
        'an ISO 8601 duration such as PT5S',
        text,
        `'${text}' is not an ISO 8601 duration.`,
      ),
    ];
  if (range !== undefined && (ms < range.min || ms > range.max)) {
    return [
      problem(
        segments,
        'out-of-range',
        `between ${range.min / 1000} s and ${range.max / 1000} s`,
        text,
        `'${text}' is out of range.`,
      ),
    ];
  }
  return [];
}

function checkRange(
  value: unknown,
  segments: PathSegment[],
  min: number,
  max: number,
  what: string,
): DefinitionProblem[] {
  if (typeof value !== 'number') return [];
  return value < min || value > max
    ? [
        problem(
          segments,
          'out-of-range',
          `${what} from ${min} to ${max}`,
          String(value),
          `${what} must be from ${min} to ${max}.`,
        ),
      ]
    : [];
}

function checkRetryPolicy(inputs: unknown, at: PathSegment[]): DefinitionProblem[] {
  if (!isPlainObject(inputs) || !isPlainObject(inputs['retryPolicy'])) return [];
  const policy = inputs['retryPolicy'];
  const base = [...at, 'inputs', 'retryPolicy'];
  const problems = checkRange(
    policy['count'],
    [...base, 'count'],
    LIMITS.retryCount.min,
    LIMITS.retryCount.max,
    'retry count',
  );
  for (const field of ['interval', 'minimumInterval', 'maximumInterval']) {
    const value = policy[field];
    if (typeof value === 'string' && !value.includes('@'))
      problems.push(...checkDuration(value, [...base, field], LIMITS.retryIntervalMs));
  }
  const type = typeof policy['type'] === 'string' ? policy['type'].toLowerCase() : '';
  if ((type === 'fixed' || type === 'exponential') && policy['interval'] === undefined) {
    problems.push(
      problem(
        [...base, 'interval'],
        'missing-property',
        `an interval for a ${type} policy`,
        'missing',
        `a ${type} retry policy needs an interval.`,
      ),
    );
  }
  if ((type === 'fixed' || type === 'exponential') && policy['count'] === undefined) {
    problems.push(
      problem(
        [...base, 'count'],
        'missing-property',
        `a count for a ${type} policy`,
        'missing',
        `a ${type} retry policy needs a count.`,
      ),
    );
  }
  return problems;
}

function checkVariableName(
  inputs: unknown,
  at: PathSegment[],
  variables: Map<string, string>,
  numericOnly: boolean,
): DefinitionProblem[] {
  if (!isPlainObject(inputs) || typeof inputs['name'] !== 'string' || inputs['name'].includes('@')) return [];
  const name = inputs['name'];
  const type = variables.get(name.toLowerCase());
  const segments = [...at, 'inputs', 'name'];
  if (type === undefined) {
    return [
      problem(
        segments,
        'unknown-variable',
        'the name of a variable initialized by InitializeVariable',
        name,
        `variable '${name}' is never initialized.`,
      ),
    ];
  }
  if (numericOnly && type !== 'integer' && type !== 'float') {
    return [
      problem(
        segments,
        'invalid-value',
        'an integer or float variable',
        `${name} (${type})`,
        `variable '${name}' is not numeric.`,
      ),
    ];
  }
  return [];
}

export function checkTypeRules(
  node: ActionNode,
  type: string,
  def: Record<string, unknown>,
  variables: Map<string, string>,
): DefinitionProblem[] {
  const at = node.segments;
  const inputs = def['inputs'];
  const problems: DefinitionProblem[] = [...checkRetryPolicy(inputs, at)];
  switch (type) {
    case 'Foreach': {
      const runtime = def['runtimeConfiguration'];
      const repetitions =
        isPlainObject(runtime) && isPlainObject(runtime['concurrency'])
          ? runtime['concurrency']['repetitions']
          : undefined;
      const { min, max } = LIMITS.foreachConcurrency;
      problems.push(
        ...checkRange(
          repetitions,
          [...at, 'runtimeConfiguration', 'concurrency', 'repetitions'],
          min,
          max,
          'Foreach concurrency',
        ),
      );
      if (repetitions !== undefined && hasOperationOption(def['operationOptions'], 'Sequential')) {
        problems.push(
          problem(
            [...at, 'operationOptions'],
            'conflicting-options',
            'either Sequential or concurrency.repetitions, not both',
            'both',
            'Sequential conflicts with runtimeConfiguration.concurrency.repetitions.',
          ),
        );
      }
      break;
    }
    case 'Until': {
      const limit = def['limit'];
      if (isPlainObject(limit)) {
        problems.push(
          ...checkRange(
            limit['count'],
            [...at, 'limit', 'count'],
            LIMITS.untilCount.min,
            LIMITS.untilCount.max,
            'Until count',
          ),
        );
      }
      break;
    }
    case 'Switch': {
      const cases = def['cases'];
      if (isPlainObject(cases)) {
        const entries = Object.entries(cases);
        if (entries.length > LIMITS.switchCases) {
          problems.push(
            problem(
              [...at, 'cases'],
              'limit-exceeded',
              `at most ${LIMITS.switchCases} cases`,
              String(entries.length),
              'too many Switch cases.',
            ),
          );
        }
        const seen = new Map<string, string>();
        for (const [caseName, block] of entries) {
          if (!isPlainObject(block) || !('case' in block)) continue;
          const key = JSON.stringify(block['case']);
          const first = seen.get(key);
          if (first !== undefined) {
            problems.push(
              problem(
                [...at, 'cases', caseName, 'case'],
                'invalid-value',
                'a case value used by one case only',
                key,
                `case value ${key} is already used by case '${first}'.`,
              ),
            );
          } else seen.set(key, caseName);
        }
      }
      break;
    }
    case 'SetVariable':
    case 'AppendToArrayVariable':
    case 'AppendToStringVariable':
      problems.push(...checkVariableName(inputs, at, variables, false));
      break;
    case 'IncrementVariable':
    case 'DecrementVariable':
      problems.push(...checkVariableName(inputs, at, variables, true));
      break;
    case 'Response': {
      const status = isPlainObject(inputs) ? inputs['statusCode'] : undefined;
      if (typeof status === 'number' && status >= 300 && status < 400) {
        problems.push(
          problem(
            [...at, 'inputs', 'statusCode'],
            'out-of-range',
            'a 2xx, 4xx or 5xx status code',
            String(status),
            'Response cannot answer with a 3xx status.',
          ),
        );
      }
      break;
    }
    case 'Wait': {
      const interval = isPlainObject(inputs) ? inputs['interval'] : undefined;
      if (isPlainObject(interval) && typeof interval['count'] === 'number' && interval['count'] < 0) {
        problems.push(
          problem(
            [...at, 'inputs', 'interval', 'count'],
            'out-of-range',
            'a count of zero or more',
            String(interval['count']),
            'Wait count cannot be negative.',
          ),
        );
      }
      const until = isPlainObject(inputs) ? inputs['until'] : undefined;
      if (
        isPlainObject(until) &&
        typeof until['timestamp'] === 'string' &&
        !until['timestamp'].includes('@') &&
        Number.isNaN(Date.parse(until['timestamp']))
      ) {
        problems.push(
          problem(
            [...at, 'inputs', 'until', 'timestamp'],
            'invalid-value',
            'an ISO 8601 timestamp',
            until['timestamp'],
            'not a timestamp.',
          ),
        );
      }
      break;
    }
    default:
      break;
  }
  return problems;
}
