/**
 * Connection parameters and auth schemes of a custom connector, from Power Platform's `apiProperties.json`
 * (`connectionParameters`, `connectionParameterSets`, `oauthSetting`) first and the definition's
 * `securityDefinitions` / `components.securitySchemes` second. Azure AD style providers (`aad`,
 * `aadcertificate`) get Microsoft Entra ID URLs from their tenant and login URI.
 */
import type {
  AuthScheme,
  ConnectionParameter,
  ConnectionParameterType,
  ImportWarning,
  OAuth2Settings,
} from '../model/imported-connector.js';
import { childPath, isObject, jsonPath } from './json-path.js';

const API_PROPERTIES = 'apiProperties';
const PARAMETER_TYPES = new Set<ConnectionParameterType>([
  'string',
  'securestring',
  'int',
  'bool',
  'oauthSetting',
]);
const DEFAULT_AAD_LOGIN = 'https://login.microsoftonline.com';

export interface ConnectionModel {
  parameters: ConnectionParameter[];
  authSchemes: AuthScheme[];
}

interface SecurityScheme {
  name: string;
  type: 'apiKey' | 'basic' | 'oauth2' | 'bearer';
  in?: 'header' | 'query';
  keyName?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  flow?: OAuth2Settings['flow'];
  scopes: string[];
}

export function buildConnection(
  document: Record<string, unknown>,
  apiProperties: Record<string, unknown> | undefined,
  warnings: ImportWarning[],
): ConnectionModel {
  const schemes = securitySchemes(document, warnings);
  const properties = isObject(apiProperties?.['properties']) ? apiProperties['properties'] : {};
  const sets = isObject(properties['connectionParameterSets'])
    ? properties['connectionParameterSets']
    : undefined;
  if (sets !== undefined && Array.isArray(sets['values'])) {
    const parameters: ConnectionParameter[] = [];
    const authSchemes: AuthScheme[] = [];
    sets['values'].forEach((set: unknown, i: number) => {
      if (!isObject(set) || typeof set['name'] !== 'string') return;
      const at = `${API_PROPERTIES}${jsonPath('properties', 'connectionParameterSets', 'values', i)}`;
      const own = readParameters(set['parameters'], childPath(at, 'parameters'), warnings);
      for (const parameter of own.parameters) {
        const existing = parameters.find((p) => p.name === parameter.name);
        if (existing !== undefined) existing.forAuth = [...(existing.forAuth ?? []), set['name']];
        else parameters.push({ ...parameter, forAuth: [set['name']] });
      }
      const uiDefinition = isObject(set['uiDefinition']) ? set['uiDefinition'] : {};
      const displayName =
        typeof uiDefinition['displayName'] === 'string' ? uiDefinition['displayName'] : set['name'];
      authSchemes.push({ ...schemeFor(set['name'], own, schemes, warnings, at), displayName });
    });
    return { parameters, authSchemes };
  }
  const at = `${API_PROPERTIES}${jsonPath('properties', 'connectionParameters')}`;
  const own = readParameters(properties['connectionParameters'], at, warnings);
  if (apiProperties === undefined || (own.parameters.length === 0 && own.oauth === undefined)) {
    return fromSecuritySchemes(schemes);
  }
  return { parameters: own.parameters, authSchemes: [schemeFor('default', own, schemes, warnings, at)] };
}

interface ReadParameters {
  parameters: ConnectionParameter[];
  oauth?: { name: string; settings: Record<string, unknown>; path: string };
}

function readParameters(raw: unknown, at: string, warnings: ImportWarning[]): ReadParameters {
  const result: ReadParameters = { parameters: [] };
  if (!isObject(raw)) return result;
  for (const [name, node] of Object.entries(raw)) {
    if (!isObject(node)) continue;
    const type = node['type'];
    const where = childPath(at, name);
    if (typeof type !== 'string' || !PARAMETER_TYPES.has(type as ConnectionParameterType)) {
      warnings.push({
        path: childPath(where, 'type'),
        message: `${JSON.stringify(type)} is not a connection parameter type; read as string`,
        feature: 'connection-parameter-type',
      });
    }
    const kind = (
      PARAMETER_TYPES.has(type as ConnectionParameterType) ? type : 'string'
    ) as ConnectionParameterType;
    if (kind === 'oauthSetting') {
      const settings = node['oAuthSettings'] ?? node['oauthSettings'];
      if (isObject(settings)) result.oauth = { name, settings, path: childPath(where, 'oAuthSettings') };
      continue;
    }
    const ui = isObject(node['uiDefinition']) ? node['uiDefinition'] : {};
    const constraints = isObject(ui['constraints']) ? ui['constraints'] : {};
    const allowed = Array.isArray(constraints['allowedValues'])
      ? constraints['allowedValues']
          .map((v: unknown) => (isObject(v) ? v['value'] : v))
          .filter((v): v is string => typeof v === 'string')
      : undefined;
    result.parameters.push({
      name,
      type: kind,
      secret: kind === 'securestring',
      required: constraints['required'] === true || constraints['required'] === 'true',
      displayName: typeof ui['displayName'] === 'string' ? ui['displayName'] : name,
      ...(typeof ui['description'] === 'string' ? { description: ui['description'] } : {}),
      ...(allowed !== undefined && allowed.length > 0 ? { allowedValues: allowed } : {}),
    });
  }
  return result;
}

function schemeFor(
  name: string,
  own: ReadParameters,
  schemes: SecurityScheme[],
  warnings: ImportWarning[],
  at: string,
): AuthScheme {
  if (own.oauth !== undefined) {
    return { name, type: 'oauth2', settings: oauthSettings(own.oauth, schemes, warnings) };
  }
  const names = new Set(own.parameters.map((p) => p.name));
  const basic = schemes.find((s) => s.type === 'basic');
  if (basic !== undefined && names.has('username') && names.has('password')) {
    return { name, type: 'basic', usernameParameter: 'username', passwordParameter: 'password' };
  }
  const apiKey = schemes.find((s) => s.type === 'apiKey');
  if (apiKey !== undefined) {
    const secret = names.has('api_key') ? 'api_key' : own.parameters.find((p) => p.secret)?.name;
    if (secret !== undefined) {
      return {
        name,
        type: 'apiKey',
        in: apiKey.in ?? 'header',
        keyName: apiKey.keyName ?? 'Authorization',
        parameter: secret,
      };
    }
    warnings.push({
      path: at,
      message: 'the definition declares an API key but no secure parameter holds it',
      feature: 'auth',
    });
  }
  if (basic !== undefined) {
    const [user, password] = [own.parameters.find((p) => !p.secret), own.parameters.find((p) => p.secret)];
    if (user !== undefined && password !== undefined) {
      return { name, type: 'basic', usernameParameter: user.name, passwordParameter: password.name };
    }
  }
  // Parameters-only connectors: the values reach the target through policy templates (setheader, dynamichosturl).
  return { name, type: 'none' };
}

function fromSecuritySchemes(schemes: SecurityScheme[]): ConnectionModel {
  const parameters: ConnectionParameter[] = [];
  const authSchemes: AuthScheme[] = [];
  const add = (parameter: ConnectionParameter, scheme: string): void => {
    const existing = parameters.find((p) => p.name === parameter.name);
    if (existing === undefined) parameters.push({ ...parameter, forAuth: [scheme] });
    else existing.forAuth = [...(existing.forAuth ?? []), scheme];
  };
  for (const scheme of schemes) {
    if (scheme.type === 'apiKey') {
      add(
        {
          name: 'api_key',
          type: 'securestring',
          secret: true,
          required: true,
          displayName: scheme.keyName ?? 'API key',
        },
        scheme.name,
      );
      authSchemes.push({
        name: scheme.name,
        type: 'apiKey',
        in: scheme.in ?? 'header',
        keyName: scheme.keyName ?? 'Authorization',
        parameter: 'api_key',
      });
    } else if (scheme.type === 'basic') {
      add(
        { name: 'username', type: 'securestring', secret: true, required: true, displayName: 'Username' },
        scheme.name,
      );
      add(
        { name: 'password', type: 'securestring', secret: true, required: true, displayName: 'Password' },
        scheme.name,
      );
      authSchemes.push({
        name: scheme.name,
        type: 'basic',
        usernameParameter: 'username',
        passwordParameter: 'password',
      });
    } else if (scheme.type === 'bearer') {
      add(
        { name: 'token', type: 'securestring', secret: true, required: true, displayName: 'Bearer token' },
        scheme.name,
      );
      authSchemes.push({
        name: scheme.name,
        type: 'apiKey',
        in: 'header',
        keyName: 'Authorization',
        parameter: 'token',
      });
    } else if (scheme.tokenUrl !== undefined || scheme.authorizationUrl !== undefined) {
      authSchemes.push({
        name: scheme.name,
        type: 'oauth2',
        settings: {
          identityProvider: 'generic',
          declaredProvider: 'swagger',
          flow: scheme.flow ?? 'authorizationCode',
          ...(scheme.authorizationUrl !== undefined ? { authorizationUrl: scheme.authorizationUrl } : {}),
          tokenUrl: scheme.tokenUrl ?? scheme.authorizationUrl ?? '',
          ...(scheme.refreshUrl !== undefined ? { refreshUrl: scheme.refreshUrl } : {}),
          scopes: scheme.scopes,
        },
      });
    }
  }
  if (authSchemes.length === 0) authSchemes.push({ name: 'none', type: 'none' });
  return { parameters, authSchemes };
}

function customValue(custom: Record<string, unknown>, name: string): string | undefined {
  const entry = custom[name];
  const value = isObject(entry) ? entry['value'] : entry;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function oauthSettings(
  oauth: NonNullable<ReadParameters['oauth']>,
  schemes: SecurityScheme[],
  warnings: ImportWarning[],
): OAuth2Settings {
  const { settings, path } = oauth;
  const provider = typeof settings['identityProvider'] === 'string' ? settings['identityProvider'] : 'oauth2';
  const custom = isObject(settings['customParameters']) ? settings['customParameters'] : {};
  const scopes = Array.isArray(settings['scopes'])
    ? settings['scopes'].filter((s): s is string => typeof s === 'string')
    : [];
  const clientId = typeof settings['clientId'] === 'string' ? settings['clientId'] : undefined;
  const swagger = schemes.find((s) => s.type === 'oauth2');
  const base = {
    declaredProvider: provider,
    scopes: scopes.length > 0 ? scopes : (swagger?.scopes ?? []),
    ...(clientId !== undefined ? { clientId } : {}),
  };
  if (provider === 'aad' || provider === 'aadcertificate') {
    const login = (customValue(custom, 'LoginUri') ?? DEFAULT_AAD_LOGIN).replace(/\/+$/, '');
    const tenant = customValue(custom, 'TenantId') ?? customValue(custom, 'tenantId') ?? 'common';
    const resource = customValue(custom, 'ResourceUri') ?? customValue(custom, 'resourceUri');
    return {
      ...base,
      identityProvider: 'aad',
      flow: 'authorizationCode',
      authorizationUrl: `${login}/${tenant}/oauth2/authorize`,
      tokenUrl: `${login}/${tenant}/oauth2/token`,
      ...(resource !== undefined ? { resourceUri: resource } : {}),
    };
  }
  if (provider !== 'oauth2' && provider !== 'oauth2generic') {
    warnings.push({
      path: childPath(path, 'identityProvider'),
      message: `identity provider ${provider} has no built-in settings; its custom parameters and the definition's URLs are used`,
      feature: `oauth-provider:${provider}`,
    });
  }
  const authorizationUrl = customValue(custom, 'authorizationUrl') ?? swagger?.authorizationUrl;
  const tokenUrl = customValue(custom, 'tokenUrl') ?? swagger?.tokenUrl;
  const refreshUrl = customValue(custom, 'refreshUrl') ?? swagger?.refreshUrl ?? tokenUrl;
  if (tokenUrl === undefined) {
    warnings.push({
      path,
      message: 'no token URL in customParameters or the definition',
      feature: 'oauth-token-url',
    });
  }
  return {
    ...base,
    identityProvider: 'generic',
    flow: swagger?.flow ?? 'authorizationCode',
    ...(authorizationUrl !== undefined ? { authorizationUrl } : {}),
    tokenUrl: tokenUrl ?? '',
    ...(refreshUrl !== undefined ? { refreshUrl } : {}),
  };
}

const SWAGGER_FLOWS: Record<string, OAuth2Settings['flow']> = {
  accessCode: 'authorizationCode',
  authorizationCode: 'authorizationCode',
  application: 'clientCredentials',
  clientCredentials: 'clientCredentials',
  implicit: 'implicit',
  password: 'password',
};

function securitySchemes(document: Record<string, unknown>, warnings: ImportWarning[]): SecurityScheme[] {
  const components = isObject(document['components']) ? document['components'] : {};
  const swagger2 = isObject(document['securityDefinitions']);
  const raw = swagger2 ? document['securityDefinitions'] : components['securitySchemes'];
  const base = swagger2 ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const schemes: SecurityScheme[] = [];
  if (!isObject(raw)) return schemes;
  for (const [name, node] of Object.entries(raw)) {
    if (!isObject(node)) continue;
    const at = jsonPath(...base, name);
    const type = node['type'];
    if (type === 'apiKey' && (node['in'] === 'header' || node['in'] === 'query')) {
      schemes.push({ name, type: 'apiKey', in: node['in'], keyName: String(node['name']), scopes: [] });
    } else if (type === 'basic' || (type === 'http' && String(node['scheme']).toLowerCase() === 'basic')) {
      schemes.push({ name, type: 'basic', scopes: [] });
    } else if (type === 'http' && String(node['scheme']).toLowerCase() === 'bearer') {
      schemes.push({ name, type: 'bearer', scopes: [] });
    } else if (type === 'oauth2' && swagger2) {
      schemes.push({
        name,
        type: 'oauth2',
        ...(typeof node['authorizationUrl'] === 'string'
          ? { authorizationUrl: node['authorizationUrl'] }
          : {}),
        ...(typeof node['tokenUrl'] === 'string' ? { tokenUrl: node['tokenUrl'] } : {}),
        flow: SWAGGER_FLOWS[String(node['flow'])] ?? 'authorizationCode',
        scopes: isObject(node['scopes']) ? Object.keys(node['scopes']) : [],
      });
    } else if (type === 'oauth2' && isObject(node['flows'])) {
      const [flowName, flow] = Object.entries(node['flows'])[0] ?? [];
      if (flowName !== undefined && isObject(flow)) {
        schemes.push({
          name,
          type: 'oauth2',
          ...(typeof flow['authorizationUrl'] === 'string'
            ? { authorizationUrl: flow['authorizationUrl'] }
            : {}),
          ...(typeof flow['tokenUrl'] === 'string' ? { tokenUrl: flow['tokenUrl'] } : {}),
          ...(typeof flow['refreshUrl'] === 'string' ? { refreshUrl: flow['refreshUrl'] } : {}),
          flow: SWAGGER_FLOWS[flowName] ?? 'authorizationCode',
          scopes: isObject(flow['scopes']) ? Object.keys(flow['scopes']) : [],
        });
      }
    } else {
      warnings.push({
        path: at,
        message: `security scheme type ${String(type)} is not supported; ignored`,
        feature: `security:${String(type)}`,
      });
    }
  }
  return schemes;
}
