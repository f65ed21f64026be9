import { Catch, Inject, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import {
  ConflictError,
  DependencyUnavailableError,
  NotFoundError,
  PlatformError,
  ValidationFailedError,
} from '@patchbay/platform';
import { LOGGER } from '../config/logger.token.js';
import { ConnectorBlockedError } from '../policies/policy-errors.js';
import { ConnectionNotLinkedError } from '../resolution/resolution-errors.js';

/** What grpc-js sends back for an error object: status code, details, trailing metadata. */
interface GrpcErrorStatus {
  code: GrpcStatus;
  message: string;
  metadata: Metadata;
}

/** The gRPC status for a typed error. Untyped errors are INTERNAL and keep their details in the log. */
export function grpcStatusOf(error: PlatformError): GrpcStatus {
  if (error instanceof ValidationFailedError) return GrpcStatus.INVALID_ARGUMENT;
  if (error instanceof NotFoundError) return GrpcStatus.NOT_FOUND;
  if (error instanceof ConnectionNotLinkedError || error instanceof ConnectorBlockedError)
    return GrpcStatus.PERMISSION_DENIED;
  if (error instanceof DependencyUnavailableError) return GrpcStatus.UNAVAILABLE;
  if (error instanceof ConflictError) return GrpcStatus.FAILED_PRECONDITION;
  return error.retryable ? GrpcStatus.UNAVAILABLE : GrpcStatus.FAILED_PRECONDITION;
}

/**
 * The gRPC edge: a typed error becomes its gRPC status with the message as details, and the stable error
 * code and retryable flag as trailing metadata (`patchbay-error-code`, `patchbay-retryable`).
 */
@Catch()
export class GrpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, _host: ArgumentsHost): Observable<never> {
    const metadata = new Metadata();
    let answer: GrpcErrorStatus;
    if (error instanceof PlatformError) {
      metadata.set('patchbay-error-code', error.code);
      metadata.set('patchbay-retryable', String(error.retryable));
      answer = { code: grpcStatusOf(error), message: error.message, metadata };
      if (error.retryable) this.logger.warn({ code: error.code }, `gRPC call failed: ${error.message}`);
    } else {
      this.logger.error({ err: error }, 'unhandled error in a gRPC call');
      metadata.set('patchbay-error-code', 'INTERNAL');
      metadata.set('patchbay-retryable', 'false');
      answer = {
        code: GrpcStatus.INTERNAL,
        message: 'Internal error; see the connection-store log.',
        metadata,
      };
    }
    return throwError(() => answer);
  }
}
