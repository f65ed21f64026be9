/**
 * Variable actions. Variables are global to the run, names case-insensitive, types checked on every
 * write. Values are copied on write so that outputs recorded earlier never change afterwards.
 */
import type { ActionNode } from '../../definition/index.js';
import { ActionFailure } from '../interpreter-errors.js';
import type { RunEvaluationContext } from '../run-evaluation-context.js';
import { cloneValue, type Outcome, type RunSession } from '../run-session.js';
import type { VariableState } from '../run-state.js';
import { evaluateValue } from '../template-evaluation.js';
import { valueText } from '../value-text.js';

const TYPES = ['boolean', 'integer', 'float', 'string', 'object', 'array'];

function typeName(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Float';
  if (typeof value === 'object') return 'Object';
  return typeof value === 'boolean' ? 'Boolean' : 'String';
}

function fits(type: string, value: unknown): boolean {
  if (value === null) return true;
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    default:
      return false;
  }
}

function defaultFor(type: string): unknown {
  switch (type) {
    case 'boolean':
      return false;
    case 'integer':
    case 'float':
      return 0;
    case 'string':
      return '';
    case 'array':
      return [];
    default:
      return {};
  }
}

function checkFits(variable: { name: string; type: string }, value: unknown): void {
  if (!fits(variable.type, value)) {
    throw new ActionFailure(
      'InvalidVariableValue',
      `The variable '${variable.name}' of type '${variable.type}' cannot be initialized or updated with a value of type '${typeName(value)}'.`,
    );
  }
}

function inputsOf(node: ActionNode): Record<string, unknown> {
  const inputs = node.definition.inputs;
  return inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs)
    ? (inputs as Record<string, unknown>)
    : {};
}

function variableNamed(session: RunSession, name: unknown, actionName: string): VariableState {
  if (typeof name !== 'string')
    throw new ActionFailure(
      'InvalidTemplate',
      `The variable name of action '${actionName}' must be a string.`,
    );
  const variable = session.state.variables[name.toLowerCase()];
  if (variable === undefined) {
    throw new ActionFailure(
      'InvalidVariable',
      `The variable '${name}' used by action '${actionName}' has not been initialized.`,
    );
  }
  return variable;
}

export function runInitializeVariable(
  session: RunSession,
  node: ActionNode,
  ctx: RunEvaluationContext,
): Outcome {
  const list = inputsOf(node)['variables'];
  const declared: { name: string; type: string; value: unknown }[] = [];
  for (const entry of Array.isArray(list) ? list : []) {
    const spec = (entry ?? {}) as Record<string, unknown>;
    const name = evaluateValue(session, spec['name'], ctx, node.name);
    const type = typeof spec['type'] === 'string' ? spec['type'].toLowerCase() : '';
    if (typeof name !== 'string' || name === '')
      throw new ActionFailure('InvalidTemplate', `A variable name in action '${node.name}' is not a string.`);
    if (!TYPES.includes(type))
      throw new ActionFailure(
        'InvalidVariableType',
        `Variable '${name}' has unknown type '${String(spec['type'])}'.`,
      );
    if (session.state.variables[name.toLowerCase()] !== undefined) {
      throw new ActionFailure('InvalidVariable', `The variable '${name}' has already been initialized.`);
    }
    const value = 'value' in spec ? evaluateValue(session, spec['value'], ctx, node.name) : defaultFor(type);
    checkFits({ name, type }, value);
    declared.push({ name, type, value });
  }
  for (const variable of declared) {
    session.state.variables[variable.name.toLowerCase()] = {
      name: variable.name,
      type: variable.type,
      value: cloneValue(variable.value),
    };
  }
  return { status: 'Succeeded', inputs: { variables: declared }, code: 'OK' };
}

export function runSetVariable(session: RunSession, node: ActionNode, ctx: RunEvaluationContext): Outcome {
  const inputs = inputsOf(node);
  const variable = variableNamed(session, evaluateValue(session, inputs['name'], ctx, node.name), node.name);
  const value = evaluateValue(session, inputs['value'], ctx, node.name);
  checkFits(variable, value);
  variable.value = cloneValue(value);
  return {
    status: 'Succeeded',
    inputs: { name: variable.name, value },
    outputs: { body: { name: variable.name, value } },
    code: 'OK',
  };
}

export function runIncrementVariable(
  session: RunSession,
  node: ActionNode,
  ctx: RunEvaluationContext,
  sign: 1 | -1,
): Outcome {
  const inputs = inputsOf(node);
  const variable = variableNamed(session, evaluateValue(session, inputs['name'], ctx, node.name), node.name);
  const by = 'value' in inputs ? evaluateValue(session, inputs['value'], ctx, node.name) : 1;
  if (variable.type !== 'integer' && variable.type !== 'float') {
    throw new ActionFailure(
      'InvalidVariableType',
      `The variable '${variable.name}' of type '${variable.type}' cannot be incremented or decremented.`,
    );
  }
  if (typeof by !== 'number' || (variable.type === 'integer' && !Number.isInteger(by))) {
    throw new ActionFailure(
      'InvalidVariableValue',
      `The value to add to variable '${variable.name}' must be a number matching its type, found '${typeName(by)}'.`,
    );
  }
  const current = typeof variable.value === 'number' ? variable.value : 0;
  variable.value = current + sign * by;
  return {
    status: 'Succeeded',
    inputs: { name: variable.name, value: by },
    outputs: { body: { name: variable.name, value: variable.value } },
    code: 'OK',
  };
}

export function runAppendToArrayVariable(
  session: RunSession,
  node: ActionNode,
  ctx: RunEvaluationContext,
): Outcome {
  const inputs = inputsOf(node);
  const variable = variableNamed(session, evaluateValue(session, inputs['name'], ctx, node.name), node.name);
  if (variable.type !== 'array')
    throw new ActionFailure('InvalidVariableType', `The variable '${variable.name}' is not an array.`);
  const value = evaluateValue(session, inputs['value'], ctx, node.name);
  const current: unknown[] = Array.isArray(variable.value) ? (variable.value as unknown[]) : [];
  variable.value = [...current, cloneValue(value)];
  return { status: 'Succeeded', inputs: { name: variable.name, value }, code: 'OK' };
}

export function runAppendToStringVariable(
  session: RunSession,
  node: ActionNode,
  ctx: RunEvaluationContext,
): Outcome {
  const inputs = inputsOf(node);
  const variable = variableNamed(session, evaluateValue(session, inputs['name'], ctx, node.name), node.name);
  if (variable.type !== 'string')
    throw new ActionFailure('InvalidVariableType', `The variable '${variable.name}' is not a string.`);
  const value = evaluateValue(session, inputs['value'], ctx, node.name);
  const text = valueText(value);
  variable.value = `${typeof variable.value === 'string' ? variable.value : ''}${text}`;
  return { status: 'Succeeded', inputs: { name: variable.name, value }, code: 'OK' };
}
