import { WdlEvaluationError, type WdlEvaluationErrorCode } from '../expression-errors.js';
import type { EvaluationContext } from '../evaluation-context.js';
import { argInteger, argString, functionError, valueError } from '../runtime/argument-checks.js';
import { fn, type CallSite, type FunctionDefinition } from '../runtime/function-definition.js';
import { isObject, ownProperty } from '../values/value-types.js';
import { formDataValues, multipartPart } from './form-data.js';

function missing(site: CallSite, code: WdlEvaluationErrorCode, detail: string): WdlEvaluationError {
  return new WdlEvaluationError(code, `The template language function '${site.name}' ${detail}`, {
    functionName: site.name,
    argumentIndex: 0,
  });
}

/** A property of a runtime object, null when absent (a trigger without body has a null `triggerBody()`). */
function property(value: unknown, name: string): unknown {
  return isObject(value) ? (ownProperty(value, name) ?? null) : null;
}

function actionResult(ctx: EvaluationContext, args: readonly unknown[], site: CallSite): unknown {
  const name = argString(args, 0, site);
  const result = ctx.action(name);
  if (result === undefined) {
    throw missing(
      site,
      'ActionNotFound',
      `cannot be evaluated: the action '${name}' has no result yet. Make sure it is in this action's runAfter path or in an enclosing scope.`,
    );
  }
  return result;
}

function triggerOutputs(ctx: EvaluationContext): unknown {
  return property(ctx.trigger(), 'outputs');
}

function singleFormValue(values: readonly string[], key: string, site: CallSite): string | null {
  if (values.length > 1)
    throw valueError(
      site,
      undefined,
      `The key '${key}' has ${values.length} values; use the multi-values function instead.`,
    );
  return values[0] ?? null;
}

function part(outputs: unknown, index: number, site: CallSite): unknown {
  const body = multipartPart(outputs, index);
  if (body === undefined)
    throw functionError(site, 'IndexOutOfRange', `cannot find the part '${index}' of a multipart body.`, 1);
  return body;
}

const CONTEXT = { purity: 'context' } as const;

export const WORKFLOW_FUNCTIONS: readonly FunctionDefinition[] = [
  fn(
    'parameters',
    1,
    1,
    (args, ctx, site) => {
      const name = argString(args, 0, site);
      const value = ctx.parameter(name);
      if (value === undefined)
        throw missing(
          site,
          'ParameterNotFound',
          `cannot be evaluated: the workflow parameter '${name}' is not found.`,
        );
      return value;
    },
    CONTEXT,
  ),
  fn(
    'variables',
    1,
    1,
    (args, ctx, site) => {
      const name = argString(args, 0, site);
      const value = ctx.variable(name);
      if (value === undefined)
        throw missing(
          site,
          'VariableNotFound',
          `cannot be evaluated: the variable '${name}' is not initialized.`,
        );
      return value;
    },
    CONTEXT,
  ),
  fn('trigger', 0, 0, (_args, ctx) => ctx.trigger() ?? null, CONTEXT),
  fn('triggerOutputs', 0, 0, (_args, ctx) => triggerOutputs(ctx), CONTEXT),
  fn('triggerBody', 0, 0, (_args, ctx) => property(triggerOutputs(ctx), 'body'), CONTEXT),
  fn(
    'triggerFormDataValue',
    1,
    1,
    (args, ctx, site) => {
      const key = argString(args, 0, site);
      return singleFormValue(formDataValues(triggerOutputs(ctx), key), key, site);
    },
    CONTEXT,
  ),
  fn(
    'triggerFormDataMultiValues',
    1,
    1,
    (args, ctx, site) => formDataValues(triggerOutputs(ctx), argString(args, 0, site)),
    CONTEXT,
  ),
  fn(
    'triggerMultipartBody',
    1,
    1,
    (args, ctx, site) => part(triggerOutputs(ctx), argInteger(args, 0, site), site),
    CONTEXT,
  ),
  fn('actions', 1, 1, (args, ctx, site) => actionResult(ctx, args, site), CONTEXT),
  fn('outputs', 1, 1, (args, ctx, site) => property(actionResult(ctx, args, site), 'outputs'), CONTEXT),
  fn('actionOutputs', 1, 1, (args, ctx, site) => property(actionResult(ctx, args, site), 'outputs'), CONTEXT),
  fn(
    'body',
    1,
    1,
    (args, ctx, site) => property(property(actionResult(ctx, args, site), 'outputs'), 'body'),
    CONTEXT,
  ),
  fn(
    'actionBody',
    1,
    1,
    (args, ctx, site) => property(property(actionResult(ctx, args, site), 'outputs'), 'body'),
    CONTEXT,
  ),
  fn(
    'action',
    0,
    0,
    (_args, ctx, site) => {
      const current = ctx.currentAction?.();
      if (current === undefined) {
        throw functionError(
          site,
          'NotInScope',
          "can only be used in a webhook action's unsubscribe, in trackedProperties or in an Until condition.",
        );
      }
      return current;
    },
    CONTEXT,
  ),
  fn(
    'formDataValue',
    2,
    2,
    (args, ctx, site) => {
      const key = argString(args, 1, site);
      return singleFormValue(
        formDataValues(property(actionResult(ctx, args, site), 'outputs'), key),
        key,
        site,
      );
    },
    CONTEXT,
  ),
  fn(
    'formDataMultiValues',
    2,
    2,
    (args, ctx, site) =>
      formDataValues(property(actionResult(ctx, args, site), 'outputs'), argString(args, 1, site)),
    CONTEXT,
  ),
  fn(
    'multipartBody',
    2,
    2,
    (args, ctx, site) =>
      part(property(actionResult(ctx, args, site), 'outputs'), argInteger(args, 1, site), site),
    CONTEXT,
  ),
  fn(
    'item',
    0,
    0,
    (_args, ctx, site) => {
      const item = ctx.item();
      if (item === undefined)
        throw functionError(
          site,
          'NotInScope',
          'can only be used inside a Foreach loop, a splitOn trigger or a Select, Query or Table mapping.',
        );
      return item;
    },
    CONTEXT,
  ),
  fn(
    'items',
    1,
    1,
    (args, ctx, site) => {
      const loop = argString(args, 0, site);
      const item = ctx.items(loop);
      if (item === undefined)
        throw missing(site, 'NotInScope', `can only be used inside the Foreach loop '${loop}'.`);
      return item;
    },
    CONTEXT,
  ),
  fn(
    'iterationIndexes',
    1,
    1,
    (args, ctx, site) => {
      const loop = argString(args, 0, site);
      const index = ctx.iterationIndex(loop);
      if (index === undefined)
        throw missing(site, 'NotInScope', `can only be used inside the Until loop '${loop}'.`);
      return index;
    },
    CONTEXT,
  ),
  fn('workflow', 0, 0, (_args, ctx) => ctx.workflow() ?? null, CONTEXT),
  fn(
    'result',
    1,
    1,
    (args, ctx, site) => {
      const scope = argString(args, 0, site);
      const results = ctx.result(scope);
      if (results === undefined)
        throw missing(
          site,
          'ActionNotFound',
          `cannot be evaluated: the scope '${scope}' has no results yet.`,
        );
      return results;
    },
    CONTEXT,
  ),
  fn(
    'listCallbackUrl',
    0,
    0,
    (_args, ctx, site) => {
      const url = ctx.callbackUrl();
      if (url === undefined)
        throw functionError(
          site,
          'NotAvailable',
          'can only be used in HttpWebhook and ApiConnectionWebhook triggers and actions.',
        );
      return url;
    },
    CONTEXT,
  ),
];
