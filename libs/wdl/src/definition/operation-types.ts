/**
 * The catalogue of trigger and action types: canonical spelling, what the interpreter does with each,
 * and which ones are valid WDL that Patchbay does not execute yet (reported as `unsupported-feature`).
 * The service accepts type names in any letter case (`foreach`, `request`, `recurrence`), so lookups
 * are case-insensitive and return the canonical spelling.
 */

/** How the interpreter handles an action type. */
export type ActionCategory =
  'control' | 'data' | 'variable' | 'response' | 'terminate' | 'wait' | 'connector' | 'unsupported';

/** Nested action maps an action type may hold. */
export type ContainerKind = 'actions' | 'else' | 'cases' | 'default';

export interface ActionTypeInfo {
  /** Canonical spelling, e.g. `Foreach`. */
  readonly type: string;
  readonly category: ActionCategory;
  readonly containers: readonly ContainerKind[];
  /** For unsupported types: the feature name counted by conformance runs. */
  readonly feature?: string;
}

const CONTROL: Record<string, readonly ContainerKind[]> = {
  If: ['actions', 'else'],
  Switch: ['cases', 'default'],
  Foreach: ['actions'],
  Until: ['actions'],
  Scope: ['actions'],
};

const SIMPLE: Record<string, ActionCategory> = {
  Compose: 'data',
  ParseJson: 'data',
  Query: 'data',
  Select: 'data',
  Join: 'data',
  Table: 'data',
  InitializeVariable: 'variable',
  SetVariable: 'variable',
  IncrementVariable: 'variable',
  DecrementVariable: 'variable',
  AppendToArrayVariable: 'variable',
  AppendToStringVariable: 'variable',
  Response: 'response',
  Terminate: 'terminate',
  Wait: 'wait',
  Http: 'connector',
  HttpWebhook: 'connector',
  ApiConnection: 'connector',
  ApiConnectionWebhook: 'connector',
  ApiManagement: 'connector',
  ServiceProvider: 'connector',
  Function: 'connector',
  Workflow: 'connector',
};

/** Valid WDL action types that need a runtime Patchbay does not have yet, by feature name. */
const UNSUPPORTED_ACTIONS: Record<string, string> = {
  Agent: 'agent-actions',
  JavaScriptCode: 'inline-code',
  CSharpScriptCode: 'inline-code',
  PowerShellCode: 'inline-code',
  InvokeFunction: 'local-functions',
  ChunkText: 'ai-data-operations',
  ParseDocument: 'ai-data-operations',
  Xslt: 'integration-account',
  Liquid: 'integration-account',
  XmlValidation: 'integration-account',
  XmlParse: 'integration-account',
  XmlCompose: 'integration-account',
  FlatFileDecoding: 'integration-account',
  FlatFileEncoding: 'integration-account',
  IntegrationAccountArtifactLookup: 'integration-account',
  RosettaNetEncode: 'integration-account',
  RosettaNetDecode: 'integration-account',
  RosettaNetWaitForResponse: 'integration-account',
  SwiftMTEncode: 'integration-account',
  SwiftMTDecode: 'integration-account',
  Batch: 'batching',
  SendToBatch: 'batching',
  Expression: 'expression-actions',
};

const ACTIONS = new Map<string, ActionTypeInfo>();
for (const [type, containers] of Object.entries(CONTROL)) {
  ACTIONS.set(type.toLowerCase(), { type, category: 'control', containers });
}
for (const [type, category] of Object.entries(SIMPLE)) {
  ACTIONS.set(type.toLowerCase(), { type, category, containers: [] });
}
for (const [type, feature] of Object.entries(UNSUPPORTED_ACTIONS)) {
  ACTIONS.set(type.toLowerCase(), { type, category: 'unsupported', containers: [], feature });
}

/** Looks an action type up, ignoring letter case. `undefined` for unknown types. */
export function actionTypeInfo(type: unknown): ActionTypeInfo | undefined {
  return typeof type === 'string' ? ACTIONS.get(type.toLowerCase()) : undefined;
}

/** How a trigger starts runs. */
export type TriggerCategory = 'request' | 'recurrence' | 'polling' | 'webhook' | 'unsupported';

export interface TriggerTypeInfo {
  readonly type: string;
  readonly category: TriggerCategory;
  readonly feature?: string;
}

const TRIGGERS = new Map<string, TriggerTypeInfo>(
  (
    [
      { type: 'Request', category: 'request' },
      // Older definitions spell the Request trigger `Manual`.
      { type: 'Manual', category: 'request' },
      { type: 'Recurrence', category: 'recurrence' },
      { type: 'Http', category: 'polling' },
      { type: 'ApiConnection', category: 'polling' },
      { type: 'ServiceProvider', category: 'polling' },
      { type: 'HttpWebhook', category: 'webhook' },
      { type: 'ApiConnectionWebhook', category: 'webhook' },
      // A recurrence whose runs each get their window (trigger-ingestion hands out windows and catches up).
      { type: 'SlidingWindow', category: 'recurrence' },
      { type: 'Batch', category: 'unsupported', feature: 'batching' },
    ] satisfies TriggerTypeInfo[]
  ).map((info) => [info.type.toLowerCase(), info]),
);

/** Looks a trigger type up, ignoring letter case. `undefined` for unknown types. */
export function triggerTypeInfo(type: unknown): TriggerTypeInfo | undefined {
  return typeof type === 'string' ? TRIGGERS.get(type.toLowerCase()) : undefined;
}

/** Request trigger kinds Patchbay serves; other kinds (e.g. `Agent`) are unsupported features. */
export const SUPPORTED_REQUEST_KINDS: readonly string[] = ['http'];

/** Every canonical action type the catalogue knows, for tooling and tests. */
export function knownActionTypes(): string[] {
  return [...ACTIONS.values()].map((info) => info.type);
}
