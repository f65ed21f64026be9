import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import {
  ConflictError,
  DependencyUnavailableError,
  NotFoundError,
  PlatformError,
  ValidationFailedError,
} from '../errors/platform-error.js';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
}

/** Status for a typed error. Subclasses may carry their own `httpStatus`. */
function statusOf(error: PlatformError): number {
  const own = (error as PlatformError & { httpStatus?: number }).httpStatus;
  if (typeof own === 'number') return own;
  if (error instanceof ValidationFailedError) return 400;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof DependencyUnavailableError) return 503;
  return error.retryable ? 503 : 400;
}

/**
 * The HTTP edge: typed errors become `{ error: { code, message, problems } }` with a fitting status;
 * anything untyped is a 500 whose details stay in the log, never in the answer. Errors of non-HTTP handlers
 * pass through untouched.
 */
@Catch()
export class PlatformErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void | Observable<never> {
    // Bootstrap attaches microservices with inheritAppConfig, so this filter also sees errors of Kafka and
    // gRPC handlers. Those are not HTTP: hand the error back unchanged for the transport to judge (the
    // Kafka transport retries or dead-letters by `retryable`; a gRPC controller maps it with its own filter).
    if (host.getType() !== 'http') return throwError(() => error);
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    if (error instanceof PlatformError) {
      reply
        .status(statusOf(error))
        .send({ error: { code: error.code, message: error.message, problems: error.problems } });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const message =
        typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
      const text = typeof message === 'string' ? message : JSON.stringify(message);
      reply.status(status).send({ error: { code: httpCode(status), message: text, problems: [] } });
      return;
    }
    const statusCode = (error as { statusCode?: unknown }).statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      // Errors raised by the HTTP server itself (body too large, bad JSON, wrong content type).
      const message = error instanceof Error ? error.message : 'Bad request';
      reply.status(statusCode).send({ error: { code: httpCode(statusCode), message, problems: [] } });
      return;
    }
    this.logger.error({ err: error }, 'unhandled error');
    reply
      .status(500)
      .send({ error: { code: 'INTERNAL', message: 'Internal error; see the service log.', problems: [] } });
  }
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return `HTTP_${status}`;
  }
}
