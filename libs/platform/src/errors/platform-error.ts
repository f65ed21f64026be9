/** One problem with an input: where it is, what was expected, what was found. */
export interface FieldProblem {
  /** JSON path or field name, e.g. `$.actions.Http.inputs.uri` or `body.name`. */
  path: string;
  message: string;
  expected?: string;
  found?: string;
}

/**
 * Base of every typed error. `code` is stable (clients and tests match on it), `retryable` tells callers
 * whether trying again can help. Mapping to an HTTP status or a dead-letter happens at the edge.
 */
export abstract class PlatformError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;
  readonly problems: FieldProblem[];

  constructor(message: string, problems: FieldProblem[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.problems = problems;
  }
}

/** Input failed validation. HTTP 400. */
export class ValidationFailedError extends PlatformError {
  readonly code: string = 'VALIDATION_FAILED';
  readonly retryable = false;
}

/** The addressed resource does not exist. HTTP 404. */
export class NotFoundError extends PlatformError {
  readonly code: string = 'NOT_FOUND';
  readonly retryable = false;
}

/** The request conflicts with the current state (duplicate name, wrong version). HTTP 409. */
export class ConflictError extends PlatformError {
  readonly code: string = 'CONFLICT';
  readonly retryable = false;
}

/** A dependency (Kafka, Postgres, Vault, another service) is unavailable. HTTP 503. */
export class DependencyUnavailableError extends PlatformError {
  readonly code: string = 'DEPENDENCY_UNAVAILABLE';
  readonly retryable = true;
}
