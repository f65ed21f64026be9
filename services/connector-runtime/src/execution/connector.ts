import type { ActionRequested } from '@patchbay/contracts';
import type { ActionOutcome } from './action-failure.js';

/** A connection resolved for this attempt. Secrets are for the call only: never log or return them. */
export interface ResolvedConnectionData {
  connectionId: string;
  connectionName: string;
  connectorId: string;
  authType: string;
  parameters: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** What a connector gets for one attempt: the request, its connection, and the time it may take. */
export interface ActionContext {
  request: ActionRequested;
  connection?: ResolvedConnectionData;
  /** Aborts when the attempt's time is up (the smaller of the connector timeout and the event's deadline). */
  signal: AbortSignal;
  /** Milliseconds the attempt may still take when the connector starts. */
  budgetMs: number;
  /** The target refused the connection's credentials: drop any cached copy so the next attempt resolves afresh. */
  connectionRejected(): void;
}

/** One connector: executes the operations of its action type. */
export interface Connector {
  /** WDL action type it handles, e.g. `Http`. */
  readonly actionType: string;
  /** Upper bound of one attempt, before the event's deadline is applied. */
  readonly timeoutMs: number;
  /** Never throws for an expected failure: those are outcomes with a typed error. */
  execute(context: ActionContext): Promise<ActionOutcome>;
}

/** Injection token of the list of built-in connectors. */
export const CONNECTORS = Symbol('CONNECTORS');
