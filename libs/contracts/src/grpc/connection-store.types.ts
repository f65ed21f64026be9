/** TypeScript shapes of the ConnectionStore gRPC messages (proto-loader with `keepCase: false` gives camelCase). */
export interface ResolveConnectionRequest {
  connectionName: string;
  workflowId: string;
  runId: string;
  actionName: string;
  namespace: string;
}

export interface ResolvedConnection {
  connectionId: string;
  connectionName: string;
  connectorId: string;
  authType: string;
  parametersJson: string;
  secretsJson: string;
  cacheTtlSeconds: number;
  /** '' for the default environment. */
  executionEnvironment: string;
}

export interface GetConnectionRoutingRequest {
  namespace: string;
  name: string;
}

/** Where a connection's operations run, without secrets: producers of requests pick the topic from it. */
export interface ConnectionRouting {
  found: boolean;
  /** '' for the default environment. */
  executionEnvironment: string;
  cacheTtlSeconds: number;
}
