import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import {
  CONNECTION_STORE_PACKAGE,
  CONNECTION_STORE_PROTO,
  CONNECTION_STORE_SERVICE,
} from '@patchbay/contracts';
import { ConnectionErrorCode, ConnectionResolutionError } from './connection-resolution.error.js';

/** Maps a gRPC status from connection-store to a typed error an action can fail with. */
export function resolutionErrorOf(
  error: grpc.ServiceError,
  connectionName: string,
): ConnectionResolutionError {
  const details = error.details || error.message;
  switch (error.code) {
    case grpc.status.NOT_FOUND:
      return new ConnectionResolutionError(ConnectionErrorCode.ConnectionNotFound, details, false);
    case grpc.status.PERMISSION_DENIED:
      return new ConnectionResolutionError(ConnectionErrorCode.ConnectionAccessDenied, details, false);
    case grpc.status.FAILED_PRECONDITION:
    case grpc.status.INVALID_ARGUMENT:
      return new ConnectionResolutionError(ConnectionErrorCode.ConnectionUnusable, details, false);
    case grpc.status.UNAVAILABLE:
    case grpc.status.DEADLINE_EXCEEDED:
    case grpc.status.RESOURCE_EXHAUSTED:
    case grpc.status.ABORTED:
    case grpc.status.CANCELLED:
      return new ConnectionResolutionError(
        ConnectionErrorCode.ConnectionStoreUnavailable,
        `could not resolve connection '${connectionName}': connection-store unavailable (${grpc.status[error.code]}: ${details})`,
        true,
      );
    default:
      return new ConnectionResolutionError(
        ConnectionErrorCode.ConnectionResolutionFailed,
        `could not resolve connection '${connectionName}' (${grpc.status[error.code] ?? error.code}: ${details})`,
        true,
      );
  }
}

/**
 * The gRPC channel to connection-store's ConnectionStore service that the resolver and routing clients share the
 * shape of: unary calls with a deadline, failures mapped to `ConnectionResolutionError` (resolutionErrorOf).
 */
export class ConnectionStoreChannel {
  private readonly client: grpc.Client;
  private readonly service: grpc.ServiceDefinition;

  constructor(target: string) {
    const definition = protoLoader.loadSync(CONNECTION_STORE_PROTO, {
      keepCase: false,
      longs: String,
      enums: String,
      defaults: true,
    });
    this.service = definition[
      `${CONNECTION_STORE_PACKAGE}.${CONNECTION_STORE_SERVICE}`
    ] as grpc.ServiceDefinition;
    this.client = new grpc.Client(target, grpc.credentials.createInsecure());
  }

  /** Calls `method` about `connectionName` (named in the errors) with a deadline. */
  call<Request, Response>(
    method: 'ResolveConnection' | 'GetConnectionRouting',
    request: Request,
    connectionName: string,
    deadline: Date,
  ): Promise<Response> {
    const definition = this.service[method] as grpc.MethodDefinition<Request, Response>;
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        definition.path,
        definition.requestSerialize,
        definition.responseDeserialize,
        request,
        new grpc.Metadata(),
        { deadline },
        (error, response) => {
          if (error) reject(resolutionErrorOf(error, connectionName));
          else if (response === undefined)
            reject(
              new ConnectionResolutionError(
                ConnectionErrorCode.ConnectionResolutionFailed,
                'connection-store sent no answer',
                true,
              ),
            );
          else resolve(response);
        },
      );
    });
  }

  /** Resolves when the channel to connection-store is connected (readiness). */
  waitForReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.waitForReady(Date.now() + timeoutMs, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    this.client.close();
  }
}
