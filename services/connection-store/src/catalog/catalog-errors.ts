import { DependencyUnavailableError, ValidationFailedError } from '@patchbay/platform';

/** connector-runtime's catalogue has no such connector (or no version in the range). HTTP 422. */
export class UnknownConnectorError extends ValidationFailedError {
  override readonly code = 'CONNECTOR_NOT_FOUND';
  readonly httpStatus = 422;

  constructor(connectorId: string, range: string | undefined, path: string, detail: string) {
    super(
      `connector '${connectorId}'${range === undefined ? '' : ` (version '${range}')`} is not in connector-runtime's catalogue: ${detail}`,
      [
        {
          path,
          message: 'is not a connector of the catalogue (built-in or imported)',
          expected:
            "a built-in connector id (e.g. 'http', 'postgresql') or an imported custom connector's id",
          found: JSON.stringify(connectorId),
        },
      ],
    );
  }
}

/**
 * connector-runtime could not be asked (down, timed out, answered nonsense). Connections are not created
 * or changed unchecked: the caller gets 503 and may retry.
 */
export class ConnectorCatalogUnavailableError extends DependencyUnavailableError {
  override readonly code = 'CONNECTOR_CATALOG_UNAVAILABLE';
}
