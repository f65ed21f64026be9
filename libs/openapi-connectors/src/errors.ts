/** Errors of the OpenAPI connector library, each with a stable code. */

/** An error of this library: a stable `code`, whether trying again may help, and its class name as `name`. */
export abstract class OpenApiConnectorError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem of a definition, at a JSON path (`$.paths['/items'].get.parameters[0].in`). */
export interface DefinitionProblem {
  path: string;
  message: string;
}

/** The definition (or its apiProperties) cannot become a connector; `problems` names each reason. */
export class DefinitionRejectedError extends OpenApiConnectorError {
  readonly code = 'ConnectorDefinitionRejected';
  readonly retryable = false;

  constructor(
    readonly source: string,
    readonly problems: readonly DefinitionProblem[],
  ) {
    super(`${source} cannot be imported: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

/** The definition could not be read (missing file, URL answering an error, not JSON/YAML). */
export class DefinitionUnreadableError extends OpenApiConnectorError {
  readonly code = 'ConnectorDefinitionUnreadable';
  readonly retryable = false;

  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
  }
}

/** One problem of operation inputs, by JSON pointer (`/queries/top`). */
export interface OperationInputProblem {
  path: string;
  message: string;
}

/** Inputs of an operation call are wrong; nothing was sent. */
export class OperationInputError extends OpenApiConnectorError {
  readonly code = 'InvalidActionInputs';
  readonly retryable = false;

  constructor(
    readonly operationId: string,
    readonly problems: readonly OperationInputProblem[],
  ) {
    super(
      `inputs of ${operationId} are invalid: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`,
    );
  }
}

/** No operation of the connector matches an ApiConnection's method and path. */
export class OperationNotFoundError extends OpenApiConnectorError {
  readonly code = 'OperationNotFound';
  readonly retryable = false;
}

/** The connection lacks a value the operation needs (host, key, token). */
export class ConnectionValueMissingError extends OpenApiConnectorError {
  readonly code = 'ConnectionUnusable';
  readonly retryable = false;
}

/** Calling the target failed before a response arrived (refused, reset, DNS, TLS, aborted). */
export class TargetCallError extends OpenApiConnectorError {
  readonly code = 'TargetUnreachable';
  readonly retryable = true;
}

/** A design-time lookup (`x-ms-dynamic-values`, `x-ms-dynamic-schema`) did not give what it promised. */
export class DynamicLookupError extends OpenApiConnectorError {
  readonly code = 'DynamicLookupFailed';

  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** A response (or the pages of one paged call, together) is larger than the caller allows. */
export class ResponseTooLargeError extends OpenApiConnectorError {
  readonly code = 'ResponseTooLarge';
  readonly retryable = false;
}

/** Following next links could not finish: too many pages, a link that loops, or a page without its items. */
export class PaginationError extends OpenApiConnectorError {
  readonly code = 'PaginationFailed';
  readonly retryable = false;
}
