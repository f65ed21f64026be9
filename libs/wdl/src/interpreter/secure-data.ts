/**
 * Secure inputs/outputs (`runtimeConfiguration.secureData.properties`): the interpreter keeps the real
 * values in its state (later actions read them), but everything it records for history carries this
 * marker instead.
 */
import type { ActionDefinition } from '../definition/index.js';
import type { ActionResult } from './run-state.js';

/** Replaces secured inputs/outputs in run history. */
export const SECURED_CONTENT_MARKER = '<secured: content not shown due to secure data settings>';

export interface SecureSettings {
  inputs: boolean;
  outputs: boolean;
}

export function secureSettingsOf(definition: ActionDefinition | undefined): SecureSettings {
  const properties = definition?.runtimeConfiguration?.secureData?.properties;
  const list = Array.isArray(properties) ? properties.map((p) => String(p).toLowerCase()) : [];
  return { inputs: list.includes('inputs'), outputs: list.includes('outputs') };
}

/** A copy of the result with secured parts replaced by the marker. */
export function redactResult(result: ActionResult, settings: SecureSettings): ActionResult {
  const copy: ActionResult = { ...result };
  if (settings.inputs && 'inputs' in copy) copy.inputs = SECURED_CONTENT_MARKER;
  if (settings.outputs && 'outputs' in copy) copy.outputs = SECURED_CONTENT_MARKER;
  return copy;
}
