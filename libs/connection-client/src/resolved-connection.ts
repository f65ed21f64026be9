/** A connection resolved for one use. Secrets are for that use only: never log or store them. */
export interface ResolvedConnectionData {
  connectionId: string;
  connectionName: string;
  connectorId: string;
  authType: string;
  parameters: Record<string, unknown>;
  secrets: Record<string, string>;
  /** Execution environment the connection is pinned to (`default` when it is not). */
  executionEnvironment: string;
}
