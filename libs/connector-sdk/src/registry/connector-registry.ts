import semver from 'semver';
import type { ConnectorDeclaration } from '../declaration/connector.declaration.js';
import { ConnectorError, ConnectorErrorCode } from '../errors/connector.error.js';
import { InputValidator, SchemaCompileError } from '../validation/input-validator.js';
import {
  RegisteredAction,
  RegisteredConnector,
  RegisteredPollingTrigger,
  RegisteredPushTrigger,
  type RegisteredTrigger,
} from './registered-connector.js';

const CONNECTOR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A declaration the registry refuses, with one line per problem (`actions[1].id: duplicate 'getRows'`). */
export class ConnectorDeclarationError extends Error {
  constructor(
    readonly connector: string,
    readonly problems: readonly string[],
  ) {
    super(`connector ${connector} is not valid: ${problems.join('; ')}`);
    this.name = 'ConnectorDeclarationError';
  }
}

/**
 * The connector catalogue: every version of every connector, side by side. Lookups take an optional semver
 * range and answer the highest version that satisfies it (the newest when none is given).
 */
export class ConnectorRegistry {
  private readonly validator = new InputValidator();
  /** id -> version -> connector */
  private readonly connectors = new Map<string, Map<string, RegisteredConnector>>();

  /** Checks and compiles a declaration; throws `ConnectorDeclarationError` naming each problem. */
  register(declaration: ConnectorDeclaration): RegisteredConnector {
    const name = `${declaration.id}@${declaration.version}`;
    const problems: string[] = [];
    if (!CONNECTOR_ID.test(declaration.id)) problems.push(`id: '${declaration.id}' is not a connector id`);
    if (semver.valid(declaration.version) === null)
      problems.push(`version: '${declaration.version}' is not a semantic version`);
    if (this.connectors.get(declaration.id)?.has(declaration.version) === true)
      problems.push(`version: ${name} is already registered`);
    const seen = new Set<string>();
    const actions = new Map<string, RegisteredAction>();
    const triggers = new Map<string, RegisteredTrigger>();
    const compile = (where: string, operationId: string, schema: unknown) => {
      if (seen.has(operationId)) problems.push(`${where}.id: duplicate operation id '${operationId}'`);
      seen.add(operationId);
      try {
        return this.validator.compile(schema as boolean, `${where}.inputSchema`);
      } catch (error) {
        if (!(error instanceof SchemaCompileError)) throw error;
        problems.push(error.message);
        return undefined;
      }
    };
    declaration.actions.forEach((action, index) => {
      const schema = compile(`actions[${index}]`, action.id, action.inputSchema);
      if (schema !== undefined)
        actions.set(action.id, new RegisteredAction(declaration.id, declaration.version, schema, action));
    });
    declaration.triggers.forEach((trigger, index) => {
      const schema = compile(`triggers[${index}]`, trigger.id, trigger.inputSchema);
      if (schema === undefined) return;
      triggers.set(
        trigger.id,
        trigger.kind === 'pollingTrigger'
          ? new RegisteredPollingTrigger(declaration.id, declaration.version, schema, trigger)
          : new RegisteredPushTrigger(declaration.id, declaration.version, schema, trigger),
      );
    });
    if (problems.length > 0) throw new ConnectorDeclarationError(name, problems);
    const registered = new RegisteredConnector(declaration, actions, triggers);
    const versions = this.connectors.get(declaration.id) ?? new Map<string, RegisteredConnector>();
    versions.set(declaration.version, registered);
    this.connectors.set(declaration.id, versions);
    return registered;
  }

  /** Removes one version; answers whether it was there. */
  unregister(id: string, version: string): boolean {
    const versions = this.connectors.get(id);
    const removed = versions?.delete(version) === true;
    if (versions?.size === 0) this.connectors.delete(id);
    return removed;
  }

  /** The highest version of `id` within `range` (any version when absent). */
  get(id: string, range?: string): RegisteredConnector | undefined {
    const versions = this.connectors.get(id);
    if (versions === undefined) return undefined;
    const best = semver.maxSatisfying([...versions.keys()], range ?? '*');
    return best === null ? undefined : versions.get(best);
  }

  /** Like `get`, for the WDL `ServiceProvider` binding (`/serviceProviders/Sftp`, case-insensitive). */
  getByServiceProviderId(serviceProviderId: string, range?: string): RegisteredConnector | undefined {
    const wanted = serviceProviderId.toLowerCase();
    for (const versions of this.connectors.values()) {
      const any = versions.values().next().value;
      if (any?.declaration.serviceProviderId?.toLowerCase() === wanted) return this.get(any.id, range);
    }
    return undefined;
  }

  /** Like `get`, but a missing connector is a `ConnectorError` (not retryable) that lists what exists. */
  require(id: string, range?: string): RegisteredConnector {
    const found = this.get(id, range);
    if (found !== undefined) return found;
    const versions = this.versions(id);
    throw new ConnectorError(
      ConnectorErrorCode.ConnectorNotFound,
      versions.length === 0
        ? `connector '${id}' is not registered`
        : `connector '${id}' has no version satisfying '${range ?? '*'}' (registered: ${versions.join(', ')})`,
      false,
    );
  }

  /** Registered versions of `id`, ascending. */
  versions(id: string): string[] {
    return semver.sort([...(this.connectors.get(id)?.keys() ?? [])]);
  }

  /** Every registered version of every connector. */
  list(): RegisteredConnector[] {
    return [...this.connectors.values()].flatMap((versions) => [...versions.values()]);
  }
}

/** The action `operationId` of a connector, or a `ConnectorError` (not retryable) listing the known ones. */
export function requireAction(connector: RegisteredConnector, operationId: string): RegisteredAction {
  const action = connector.action(operationId);
  if (action !== undefined) return action;
  throw new ConnectorError(
    ConnectorErrorCode.OperationNotFound,
    `connector ${connector.id}@${connector.version} has no action '${operationId}' (actions: ${connector.actionIds().join(', ')})`,
    false,
  );
}

/** The trigger `operationId` of a connector, or a `ConnectorError` (not retryable) listing the known ones. */
export function requireTrigger(connector: RegisteredConnector, operationId: string): RegisteredTrigger {
  const trigger = connector.trigger(operationId);
  if (trigger !== undefined) return trigger;
  throw new ConnectorError(
    ConnectorErrorCode.OperationNotFound,
    `connector ${connector.id}@${connector.version} has no trigger '${operationId}' (triggers: ${connector.triggerIds().join(', ')})`,
    false,
  );
}
