import type { ConnectorConnectionSpec } from '@patchbay/contracts';
import type { AuthType, RegisteredConnector } from '@patchbay/connector-sdk';

function authSpecOf(auth: AuthType): ConnectorConnectionSpec['authTypes'][number] {
  if (auth.type === 'oauth2') return { type: 'oauth2', flow: auth.provider.flow };
  if (auth.type === 'workloadIdentity') return { type: 'workloadIdentity', source: auth.source };
  return { type: auth.type };
}

/**
 * What connection-store needs to know of one connector version to validate a connection: parameters (type,
 * secret, required, per auth type), accepted auth types, and whether a connection test is declared.
 */
export function connectionSpecOf(
  connector: RegisteredConnector,
  versions: string[],
): ConnectorConnectionSpec {
  const declaration = connector.declaration;
  return {
    connectorId: declaration.id,
    version: declaration.version,
    versions,
    kind: declaration.kind,
    connection: declaration.connection,
    authTypes: declaration.authTypes.map(authSpecOf),
    connectionParameters: declaration.connectionParameters.map((p) => ({
      name: p.name,
      type: p.type,
      secret: p.secret,
      required: p.required,
      hasDefault: p.default !== undefined,
      ...(p.allowedValues === undefined ? {} : { allowedValues: [...p.allowedValues] }),
      ...(p.forAuthTypes === undefined ? {} : { forAuthTypes: [...p.forAuthTypes] }),
    })),
    connectionTest: declaration.testConnection !== undefined,
  };
}
