import type { ActionRequested } from '@patchbay/contracts';
import type {
  ActionResult,
  OperationContext,
  RegisteredConnector,
  ResolvedConnection,
} from '@patchbay/connector-sdk';

/** A connection resolved for this attempt. Secrets are for the call only: never log or return them. */
export type ResolvedConnectionData = ResolvedConnection;

/**
 * What an attempt runs: a `RegisteredAction` (inputs validated before it calls out), or one step of a push
 * trigger (webhook subscribe / unsubscribe) wrapped the same way.
 */
export interface RunnableOperation {
  readonly qualifiedName: string;
  execute(context: OperationContext, inputs: unknown): Promise<ActionResult>;
}

/** The connector operation one WDL action runs, with the inputs that operation takes. */
export interface RoutedOperation {
  connector: RegisteredConnector;
  action: RunnableOperation;
  inputs: unknown;
  /** The connection as this connector reads it, when the router adapts it (custom connectors). */
  connection?: ResolvedConnectionData;
}

/**
 * Maps one WDL action type to a connector operation: `Http` -> the `http` connector, `ServiceProvider` -> the
 * built-in connector of `serviceProviderConfiguration.serviceProviderId`, `ApiConnection` -> the connector of
 * the resolved connection. Throws `ConnectorError` when the action names something that does not exist.
 */
export interface ActionRouter {
  readonly actionType: string;
  route(
    request: ActionRequested,
    connection: ResolvedConnectionData | undefined,
  ): RoutedOperation | Promise<RoutedOperation>;
}

/** Injection token of the list of action routers. */
export const ACTION_ROUTERS = Symbol('ACTION_ROUTERS');
