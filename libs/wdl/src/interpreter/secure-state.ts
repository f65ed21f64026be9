/** What `start` seals: secure parameters and the outputs/inputs of a trigger marked secure. */
import type { WorkflowDefinition } from '../definition/index.js';
import type { TriggerResult } from './run-state.js';
import { secureSettingsOf } from './secure-data.js';
import type { SecureValues } from './secure-sealing.js';

const SECURE_TYPES = new Set(['securestring', 'secureobject']);

/** Parameter values with those declared secureString/secureObject sealed. */
export function sealSecureParameters(
  definition: WorkflowDefinition,
  values: Record<string, unknown>,
  secure: SecureValues,
): Record<string, unknown> {
  if (!secure.sealing) return values;
  const sealed = { ...values };
  for (const [name, declaration] of Object.entries(definition.parameters ?? {})) {
    if (name in sealed && SECURE_TYPES.has(String(declaration.type).toLowerCase()))
      sealed[name] = secure.seal(sealed[name]);
  }
  return sealed;
}

/** The trigger result with inputs/outputs sealed as its `runtimeConfiguration.secureData` asks. */
export function sealSecureTrigger(
  definition: WorkflowDefinition,
  trigger: TriggerResult,
  secure: SecureValues,
): TriggerResult {
  const declared = definition.triggers?.[trigger.name];
  const settings = secureSettingsOf(declared);
  if (!secure.sealing || (!settings.inputs && !settings.outputs)) return trigger;
  const sealed: TriggerResult = { ...trigger };
  if (settings.inputs && 'inputs' in sealed) sealed.inputs = secure.seal(sealed.inputs);
  if (settings.outputs && sealed.outputs !== undefined)
    sealed.outputs = secure.seal(sealed.outputs) as Record<string, unknown>;
  return sealed;
}
