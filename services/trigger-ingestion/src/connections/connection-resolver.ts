import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import {
  CONNECTION_STORE_PACKAGE,
  CONNECTION_STORE_PROTO,
  CONNECTION_STORE_SERVICE,
  type ResolveConnectionRequest,
  type ResolvedConnection,
} from '@patchbay/contracts';

/** A connection as a trigger uses it. Secrets are for the subscription only: never log or store them. */
export interface TriggerConnection {
  connectionName: string;
  connectorId: string;
  authType: string;
  parameters: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** A connection could not be resolved; `retryable` says whether trying later can help. */
export class ConnectionResolutionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

function objectOf(text: string): Record<string, unknown> {
  const value: unknown = text === '' ? {} : JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const CODES: Partial<Record<grpc.status, [string, boolean]>> = {
  [grpc.status.NOT_FOUND]: ['ConnectionNotFound', false],
  [grpc.status.PERMISSION_DENIED]: ['ConnectionAccessDenied', false],
  [grpc.status.FAILED_PRECONDITION]: ['ConnectionUnusable', false],
  [grpc.status.INVALID_ARGUMENT]: ['ConnectionUnusable', false],
};

/**
 * connection-store's gRPC ResolveConnection, for triggers that connect to the user's systems from here (the
 * Kafka trigger). The linked-workflow check applies as for actions: the trigger name stands for the action.
 */
export class ConnectionResolver {
  private readonly client: grpc.Client;
  private readonly method: grpc.MethodDefinition<ResolveConnectionRequest, ResolvedConnection>;

  constructor(
    target: string,
    private readonly timeoutMs: number,
  ) {
    const definition = protoLoader.loadSync(CONNECTION_STORE_PROTO, {
      keepCase: false,
      longs: String,
      enums: String,
      defaults: true,
    });
    const service = definition[
      `${CONNECTION_STORE_PACKAGE}.${CONNECTION_STORE_SERVICE}`
    ] as grpc.ServiceDefinition;
    this.method = service.ResolveConnection as grpc.MethodDefinition<
      ResolveConnectionRequest,
      ResolvedConnection
    >;
    this.client = new grpc.Client(target, grpc.credentials.createInsecure());
  }

  resolve(connectionName: string, workflowId: string, triggerName: string): Promise<TriggerConnection> {
    const request: ResolveConnectionRequest = {
      connectionName,
      workflowId,
      runId: `trigger:${workflowId}`,
      actionName: triggerName,
      namespace: 'default',
    };
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        this.method.path,
        this.method.requestSerialize,
        this.method.responseDeserialize,
        request,
        new grpc.Metadata(),
        { deadline: new Date(Date.now() + this.timeoutMs) },
        (error, response) => {
          if (error) {
            const [code, retryable] = CODES[error.code] ?? ['ConnectionStoreUnavailable', true];
            reject(
              new ConnectionResolutionError(
                code,
                `connection '${connectionName}': ${error.details}`,
                retryable,
              ),
            );
            return;
          }
          if (response === undefined) {
            reject(
              new ConnectionResolutionError(
                'ConnectionStoreUnavailable',
                'connection-store sent no answer',
                true,
              ),
            );
            return;
          }
          const secrets: Record<string, string> = {};
          for (const [key, value] of Object.entries(objectOf(response.secretsJson)))
            if (typeof value === 'string') secrets[key] = value;
          resolve({
            connectionName: response.connectionName,
            connectorId: response.connectorId,
            authType: response.authType,
            parameters: objectOf(response.parametersJson),
            secrets,
          });
        },
      );
    });
  }

  close(): void {
    this.client.close();
  }
}
