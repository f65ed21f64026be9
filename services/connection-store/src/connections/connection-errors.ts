import { ConflictError, DependencyUnavailableError, NotFoundError } from '@patchbay/platform';

/** No connection with that name in that namespace. */
export class ConnectionNotFoundError extends NotFoundError {
  override readonly code = 'CONNECTION_NOT_FOUND';

  constructor(namespace: string, name: string) {
    super(`connection '${name}' not found in namespace '${namespace}'`);
  }
}

/** The namespace already has a connection with that name. */
export class ConnectionNameTakenError extends ConflictError {
  override readonly code = 'CONNECTION_NAME_TAKEN';

  constructor(namespace: string, name: string) {
    super(`a connection named '${name}' already exists in namespace '${namespace}'`);
  }
}

/** The connection is being created or deleted right now; try again shortly. */
export class ConnectionBusyError extends ConflictError {
  override readonly code = 'CONNECTION_BUSY';
}

/** The workflow is not linked to the connection (unlink of a missing link). */
export class ConnectionLinkNotFoundError extends NotFoundError {
  override readonly code = 'CONNECTION_LINK_NOT_FOUND';

  constructor(name: string, workflowId: string) {
    super(`workflow ${workflowId} is not linked to connection '${name}'`);
  }
}

/** A create lost its half-written state to the reaper (the request took far too long); nothing was kept. */
export class ConnectionCreateAbandonedError extends DependencyUnavailableError {
  override readonly code = 'CONNECTION_CREATE_ABANDONED';
}

/** A secret change lost its intent to the reaper (the request took far too long); nothing was kept. */
export class ConnectionUpdateAbandonedError extends DependencyUnavailableError {
  override readonly code = 'CONNECTION_UPDATE_ABANDONED';
}
