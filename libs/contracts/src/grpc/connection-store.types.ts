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
}
