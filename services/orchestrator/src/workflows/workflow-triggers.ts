import {
  collectReferences,
  compileTemplate,
  unwrapDefinition,
  type DefinitionProblem,
  type WorkflowDefinition,
} from '@patchbay/wdl';
import type { TriggerSpec } from '@patchbay/contracts';
import { secureParameterNames } from '../engine/secure-parameters.js';

type WorkflowTrigger = NonNullable<WorkflowDefinition['triggers']>[string];

/** The bare definition object of a deployment request (the `{definition, kind}` wrapper removed). */
export function bareDefinition(input: Record<string, unknown>): WorkflowDefinition {
  return unwrapDefinition(input).definition as WorkflowDefinition;
}

/**
 * The workflow parameters a trigger's expressions read (inputs, recurrence, conditions, splitOn), and whether
 * some name is computed (`parameters(concat(...))`), so that any parameter may be read. The definition has
 * passed validation: its expressions compile.
 */
function parametersReadBy(trigger: WorkflowTrigger): { names: string[]; dynamic: boolean } {
  const parts = [trigger.inputs, trigger.recurrence, trigger.conditions, trigger.splitOn].filter(
    (part) => part !== undefined,
  );
  const references = collectReferences(...parts.map((part) => compileTemplate(part)));
  return { names: [...references.parameters], dynamic: references.hasDynamicReferences };
}

/**
 * The values of the non-secure parameters: deployed values, else the declared default (or inline `value`).
 * Secure parameters are left out: their values never leave the orchestrator in clear.
 */
function plainParameterValues(
  definition: WorkflowDefinition,
  deployed: Record<string, unknown>,
): Record<string, unknown> {
  const secure = secureParameterNames(definition);
  const values: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(definition.parameters ?? {})) {
    if (secure.has(name)) continue;
    const declared = declaration as { defaultValue?: unknown; value?: unknown };
    const value = Object.prototype.hasOwnProperty.call(deployed, name)
      ? deployed[name]
      : (declared.defaultValue ?? declared.value);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/**
 * Problems of triggers that read a secure parameter: trigger expressions are evaluated in trigger-ingestion, which
 * is never given secure values, so such a trigger is refused when the workflow is deployed (a secret a trigger
 * needs belongs in its connection).
 */
export function secureTriggerParameterProblems(definition: WorkflowDefinition): DefinitionProblem[] {
  const secure = secureParameterNames(definition);
  if (secure.size === 0) return [];
  const problems: DefinitionProblem[] = [];
  for (const [name, trigger] of Object.entries(definition.triggers ?? {})) {
    for (const parameter of parametersReadBy(trigger).names.filter((p) => secure.has(p)))
      problems.push({
        path: `$.triggers.${name}`,
        code: 'invalid-value',
        expected: 'no secure parameter in trigger expressions',
        found: `parameters('${parameter}')`,
        message:
          `Trigger '${name}' reads secure parameter '${parameter}': trigger inputs, recurrence and conditions are ` +
          'evaluated where secure values are never sent. Put the secret in the connection the trigger uses, or ' +
          'make the parameter a non-secure type.',
      });
  }
  return problems;
}

/** What trigger-ingestion needs of each trigger, with the values of the parameters its expressions read. */
export function triggerSpecs(
  definition: WorkflowDefinition,
  keyVersions: Record<string, number>,
  deployedParameters: Record<string, unknown> = {},
): TriggerSpec[] {
  const values = plainParameterValues(definition, deployedParameters);
  return Object.entries(definition.triggers ?? {}).map(([name, trigger]) => {
    const spec: TriggerSpec = { name, type: trigger.type, signatureKeyVersion: keyVersions[name] ?? 0 };
    if (trigger.kind !== undefined) spec.kind = trigger.kind;
    if (trigger.inputs !== undefined) spec.inputs = trigger.inputs;
    if (trigger.recurrence !== undefined) spec.recurrence = trigger.recurrence;
    if (trigger.splitOn !== undefined) spec.splitOn = trigger.splitOn;
    if (trigger.conditions !== undefined) spec.conditions = trigger.conditions;
    if (trigger.runtimeConfiguration !== undefined) spec.runtimeConfiguration = trigger.runtimeConfiguration;
    if (trigger.operationOptions !== undefined) spec.operationOptions = trigger.operationOptions;
    const read = parametersReadBy(trigger);
    const names = read.dynamic ? Object.keys(values) : read.names.filter((n) => n in values);
    if (names.length > 0) spec.parameters = Object.fromEntries(names.map((n) => [n, values[n]]));
    return spec;
  });
}
