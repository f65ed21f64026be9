import type { TriggerSpec } from '@patchbay/contracts';
import {
  compileTemplate,
  createStaticEvaluationContext,
  WdlEvaluationError,
  WdlExpressionSyntaxError,
} from '@patchbay/wdl';

/** The built-in that a `ServiceProvider` trigger names to subscribe to a topic of the user's Kafka. */
export const KAFKA_SERVICE_PROVIDER = '/serviceproviders/kafka';

/** Trigger inputs could not be evaluated (an expression fails, or names what a trigger cannot see). */
export class TriggerInputsError extends Error {}

function field(value: unknown, ...path: string[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** `serviceProviderConfiguration.serviceProviderId` of a ServiceProvider trigger, lower-cased. */
function serviceProviderOf(spec: TriggerSpec): string | undefined {
  const id = field(spec.inputs, 'serviceProviderConfiguration', 'serviceProviderId');
  return typeof id === 'string' ? id.toLowerCase() : undefined;
}

/**
 * How trigger-ingestion serves a trigger of a connector: `poll` (ApiConnection with a recurrence, ServiceProvider
 * polling operations; the poll runs in connector-runtime), `kafka` (a subscription to the user's Kafka, run
 * here), or `undefined` (not a connector trigger).
 */
export function connectorTriggerKind(spec: TriggerSpec): 'poll' | 'kafka' | undefined {
  const type = spec.type.toLowerCase();
  if (type === 'apiconnection') return 'poll';
  if (type !== 'serviceprovider') return undefined;
  return serviceProviderOf(spec) === KAFKA_SERVICE_PROVIDER ? 'kafka' : 'poll';
}

/** The connection named by (evaluated) trigger inputs, as for actions. */
export function connectionNameOf(inputs: unknown): string | undefined {
  const candidates = [
    field(inputs, 'host', 'connection', 'name'),
    field(inputs, 'host', 'connection', 'referenceName'),
    field(inputs, 'serviceProviderConfiguration', 'connectionName'),
  ];
  return candidates.find((c): c is string => typeof c === 'string' && c !== '');
}

/**
 * The trigger's inputs with their expressions evaluated at `now` (`@utcNow()`, `@{concat(...)}`,
 * `@parameters('x')` with the values the orchestrator announced with the trigger); a trigger has no actions,
 * variables or trigger outputs yet to refer to.
 */
export function evaluateTriggerInputs(spec: TriggerSpec, now: Date): unknown {
  try {
    return compileTemplate(spec.inputs ?? {}).evaluate(
      createStaticEvaluationContext({ now, parameters: spec.parameters ?? {} }),
    );
  } catch (error) {
    if (error instanceof WdlEvaluationError || error instanceof WdlExpressionSyntaxError)
      throw new TriggerInputsError(`trigger inputs: ${error.message}`);
    throw error;
  }
}
