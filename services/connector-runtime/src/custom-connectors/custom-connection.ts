import type { ResolvedConnection } from '@patchbay/connector-sdk';
import type { ImportedConnector } from '@patchbay/openapi-connectors';

/** connection-store auth types -> the auth scheme type a custom connector declares. */
const SCHEME_TYPE: Record<string, string> = {
  apiKey: 'apiKey',
  basic: 'basic',
  bearer: 'oauth2',
  oauth2AuthorizationCode: 'oauth2',
  oauth2ClientCredentials: 'oauth2',
  none: 'none',
};

/**
 * A connection-store connection as a custom connector reads it. The store keeps secrets under fixed names per
 * auth type (`apiKey`, `password`, `token`/`accessToken`); a connector's definition names its own (`api_key`,
 * the basic-auth parameters of its connection parameter set). The store's values are copied under the
 * connector's names when those are not set; nothing is logged or kept.
 */
export function customConnectionOf(
  imported: ImportedConnector,
  connection: ResolvedConnection,
): ResolvedConnection {
  const parameters: Record<string, unknown> = { ...connection.parameters };
  const secrets: Record<string, string> = { ...connection.secrets };
  const schemeType = SCHEME_TYPE[connection.authType] ?? connection.authType;
  for (const scheme of imported.authSchemes) {
    if (scheme.type !== schemeType) continue;
    if (scheme.type === 'apiKey' && secrets['apiKey'] !== undefined)
      secrets[scheme.parameter] ??= secrets['apiKey'];
    if (scheme.type === 'basic') {
      if (parameters['username'] !== undefined)
        parameters[scheme.usernameParameter] ??= parameters['username'];
      if (secrets['password'] !== undefined) secrets[scheme.passwordParameter] ??= secrets['password'];
    }
    if (scheme.type === 'oauth2' && secrets['token'] !== undefined)
      secrets['accessToken'] ??= secrets['token'];
  }
  return { ...connection, authType: schemeType, parameters, secrets };
}
