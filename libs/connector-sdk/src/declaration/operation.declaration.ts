import type { OperationContext } from '../context/operation-context.js';
import type { JsonSchema, JsonValue } from './json-schema.js';

/** How an operation appears in the designer. `visibility` follows `x-ms-visibility`. */
export interface OperationDisplay {
  summary: string;
  description?: string;
  visibility?: 'important' | 'advanced' | 'internal';
}

/**
 * What an action returns: the WDL outputs of the action. `body` is what `body('Action')` gives a workflow and
 * is described by `outputSchema`; `statusCode` and `headers` are for actions that have them (HTTP-like).
 */
export interface ActionResult<O = unknown> {
  body?: O;
  statusCode?: number;
  headers?: Record<string, string>;
}

/**
 * An action: called once per attempt with inputs already validated against `inputSchema` (defaults
 * applied). An expected failure throws `ConnectorError`; anything else thrown counts as a connector bug.
 */
export interface ActionDeclaration<I = unknown, O = unknown> {
  kind: 'action';
  /** Operation id, unique in the connector (`executeQuery`, `createFile`). */
  id: string;
  display: OperationDisplay;
  inputSchema: JsonSchema;
  /** Schema of `ActionResult.body`. */
  outputSchema?: JsonSchema;
  execute(context: OperationContext, inputs: I): Promise<ActionResult<O>>;
}

/** One poll's answer: the new items (each may fire a run) and the cursor to pass to the next poll. */
export interface PollResult<Item = unknown, Cursor extends JsonValue = JsonValue> {
  items: Item[];
  nextCursor: Cursor;
}

/**
 * A polling trigger: the caller (trigger-ingestion) stores the cursor between polls. The first poll gets
 * `undefined` and should return a cursor that starts "from now" unless its inputs say otherwise.
 */
export interface PollingTriggerDeclaration<
  I = unknown,
  Item = unknown,
  Cursor extends JsonValue = JsonValue,
> {
  kind: 'pollingTrigger';
  id: string;
  display: OperationDisplay;
  inputSchema: JsonSchema;
  /** Schema of one item. */
  itemSchema?: JsonSchema;
  poll(context: OperationContext, inputs: I, cursor: Cursor | undefined): Promise<PollResult<Item, Cursor>>;
}

/**
 * A push trigger: subscribe gives the target a callback URL and returns what unsubscribe needs (kept by the
 * caller, e.g. the subscription id or its Location).
 */
export interface PushTriggerDeclaration<I = unknown, Subscription extends JsonValue = JsonValue> {
  kind: 'pushTrigger';
  id: string;
  display: OperationDisplay;
  inputSchema: JsonSchema;
  /** Schema of the body the target posts to the callback URL. */
  outputSchema?: JsonSchema;
  subscribe(context: OperationContext, inputs: I, callbackUrl: string): Promise<Subscription>;
  unsubscribe(context: OperationContext, inputs: I, subscription: Subscription): Promise<void>;
}

export type TriggerDeclaration = PollingTriggerDeclaration | PushTriggerDeclaration;
export type OperationDeclaration = ActionDeclaration | TriggerDeclaration;

/** Typing helpers: they only return their argument, with `I`/`O` checked against `execute`/`poll`. */
export function defineAction<I, O>(declaration: ActionDeclaration<I, O>): ActionDeclaration<I, O> {
  return declaration;
}
export function definePollingTrigger<I, Item, Cursor extends JsonValue>(
  declaration: PollingTriggerDeclaration<I, Item, Cursor>,
): PollingTriggerDeclaration<I, Item, Cursor> {
  return declaration;
}
export function definePushTrigger<I, Subscription extends JsonValue>(
  declaration: PushTriggerDeclaration<I, Subscription>,
): PushTriggerDeclaration<I, Subscription> {
  return declaration;
}
