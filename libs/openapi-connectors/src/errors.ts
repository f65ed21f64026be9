/** Errors of the OpenAPI connector library, each with a stable code. */

/** One problem of a definition, at a JSON path (`$.paths['/items'].get.parameters[0].in`). */
export interface DefinitionProblem {
  path: string;
  message: string;
}

/** The definition (or its apiProperties) cannot become a connector; `problems` names each reason. */
export class DefinitionRejectedError extends Error {
  readonly code = 'ConnectorDefinitionRejected';
  readonly retryable = false;

  constructor(
    readonly source: string,
    readonly problems: readonly DefinitionProblem[],
  ) {
    super(`${source} cannot be imported: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'DefinitionRejectedError';
  }
}

/** The definition could not be read (missing file, URL answering an error, not JSON/YAML). */
export class DefinitionUnreadableError extends Error {
  readonly code = 'ConnectorDefinitionUnreadable';
  readonly retryable = false;

  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
    this.name = 'DefinitionUnreadableError';
  }
}

/** One problem of operation inputs, by JSON pointer (`/queries/top`). */
export interface OperationInputProblem {
  path: string;
  message: string;
}

/** Inputs of an operation call are wrong; nothing was sent. */
export class OperationInputError extends Error {
  readonly code = 'InvalidActionInputs';
  readonly retryable = false;

  constructor(
    readonly operationId: string,
    readonly problems: readonly OperationInputProblem[],
  ) {
    super(
      `inputs of ${operationId} are invalid: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`,
    );
    this.name = 'OperationInputError';
  }
}

/** No operation of the connector matches an ApiConnection's method and path. */
export class OperationNotFoundError extends Error {
  readonly code = 'OperationNotFound';
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'OperationNotFoundError';
  }
}

/** The connection lacks a value the operation needs (host, key, token). */
export class ConnectionValueMissingError extends Error {
  readonly code = 'ConnectionUnusable';
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'ConnectionValueMissingError';
  }
}

/** Calling the target failed before a response arrived (refused, reset, DNS, TLS, aborted). */
export class TargetCallError extends Error {
  readonly code = 'TargetUnreachable';
  readonly retryable = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TargetCallError';
  }
}

/** A design-time lookup (`x-ms-dynamic-values`, `x-ms-dynamic-schema`) did not give what it promised. */
export class DynamicLookupError extends Error {
  readonly code = 'DynamicLookupFailed';

  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DynamicLookupError';
  }
}

/** A response (or the pages of one paged call, together) is larger than the caller allows. */
export class ResponseTooLargeError extends Error {
  readonly code = 'ResponseTooLarge';
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'ResponseTooLargeError';
  }
}

/** Following next links could not finish: too many pages, a link that loops, or a page without its items. */
export class PaginationError extends Error {
  readonly code = 'PaginationFailed';
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'PaginationError';
  }
}
