import { isSealedValue, type SecureValueSealer, type WorkflowDefinition } from '@patchbay/wdl';

/** What the API shows instead of a secure parameter's value. */
export const HIDDEN_VALUE = '***';

/** Names of the parameters the definition declares `securestring` or `secureobject`. */
export function secureParameterNames(definition: WorkflowDefinition): Set<string> {
  const names = new Set<string>();
  for (const [name, declaration] of Object.entries(definition.parameters ?? {})) {
    const declared = (declaration as { type?: unknown }).type;
    const type = typeof declared === 'string' ? declared.toLowerCase() : '';
    if (type === 'securestring' || type === 'secureobject') names.add(name);
  }
  return names;
}

/** Parameter values as stored: those of secure parameters sealed. */
export function sealSecureParameters(
  definition: WorkflowDefinition,
  values: Record<string, unknown>,
  sealer: SecureValueSealer,
): Record<string, unknown> {
  const secure = secureParameterNames(definition);
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      secure.has(name) && !isSealedValue(value) ? { $sealed: sealer.seal(value) } : value,
    ]),
  );
}

/** Stored parameter values back in clear, for a run to start with. */
export function unsealParameters(
  values: Record<string, unknown>,
  sealer: SecureValueSealer,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      isSealedValue(value) ? sealer.unseal(value.$sealed) : value,
    ]),
  );
}

/** Stored parameter values for an API answer: sealed ones hidden. */
export function hideSealedParameters(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, isSealedValue(value) ? HIDDEN_VALUE : value]),
  );
}
