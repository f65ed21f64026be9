/**
 * The connector an OpenAPI/Swagger definition becomes, independent of the definition's version: everything
 * the executor, the mock server and the connector-sdk adapter need, with JSON Schemas (draft-07, each one
 * self-contained: the definitions it refers to sit under its own `definitions`).
 */
export type JsonSchema = boolean | { [keyword: string]: unknown };

export type ParameterLocation = 'path' | 'query' | 'header' | 'body' | 'formData';

/** `x-ms-visibility`; `default` when absent. */
export type Visibility = 'important' | 'advanced' | 'internal' | 'default';

/** One way a dynamic parameter of the lookup operation gets its value. */
export type DynamicParameterSource = { parameter: string } | { value: unknown };

/** `x-ms-dynamic-values` / `x-ms-dynamic-list`: a list of allowed values fetched from another operation. */
export interface DynamicValuesLookup {
  operationId: string;
  parameters: Readonly<Record<string, DynamicParameterSource>>;
  /** Slash-separated path in the lookup response to the array (`value-collection` / `itemsPath`); empty: the body. */
  collectionPath: string;
  /** Path in each item to its value (`value-path` / `itemValuePath`). */
  valuePath: string;
  /** Path in each item to its display title (`value-title` / `itemTitlePath`). */
  titlePath?: string;
}

/** `x-ms-dynamic-schema` / `x-ms-dynamic-properties`: a schema fetched from another operation. */
export interface DynamicSchemaLookup {
  operationId: string;
  parameters: Readonly<Record<string, DynamicParameterSource>>;
  /** Slash-separated path in the lookup response to the schema; empty: the body itself. */
  valuePath: string;
}

export interface OperationParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonSchema;
  summary?: string;
  description?: string;
  visibility: Visibility;
  default?: unknown;
  /** The value is a file: a `{ $content-type, $content }` object (base64) or a string. */
  file: boolean;
  /** `x-ms-notification-url`: a webhook trigger puts its callback URL here. */
  notificationUrl?: boolean;
  /** `x-ms-url-encoding: double` path parameters are encoded twice by the caller. */
  urlEncoding: 'single' | 'double';
  /** Swagger 2 `collectionFormat` for array query/header/form values; `multi` repeats the name. */
  collectionFormat?: 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';
  dynamicValues?: DynamicValuesLookup;
  dynamicSchema?: DynamicSchemaLookup;
  /** JSON path of the parameter in the definition (for messages). */
  source: string;
}

export interface OperationResponse {
  /** `200`, `2XX` or `default`. */
  status: string;
  description?: string;
  schema?: JsonSchema;
  /** The body is a file (Swagger `type: file`, `format: binary`). */
  file: boolean;
  dynamicSchema?: DynamicSchemaLookup;
}

/** How an operation that carries `x-ms-trigger` fires. */
export interface TriggerInfo {
  /** `webhook` when a parameter (or a body property) carries `x-ms-notification-url`, else `polling`. */
  type: 'polling' | 'webhook';
  /** `single` fires one run per response; `batch` one run per item of the response array. */
  cardinality: 'single' | 'batch';
  /** Webhook: where the callback URL goes, e.g. `body/notificationUrl` or `query/callback`. */
  notificationUrlAt?: { in: ParameterLocation; name: string; pointer: string };
  /** Polling: slash path to the items (from the `pollingtrigger` policy or `value` for batch responses). */
  itemsPath?: string;
  /** Schema of what a fired run receives (`x-ms-notification-content` for webhooks, else the response). */
  outputSchema?: JsonSchema;
  /** Webhook: the operation that deletes the subscription, when the definition names one. */
  unsubscribeOperationId?: string;
}

/**
 * A path inside a JSON body as policy templates write it: `@body().a.b` (from the body's root), `@item().c`
 * (from the current element when the parent is a collection), or a bare relative `a.b` / `['@odata.type']`.
 */
export interface BodyPath {
  root: 'body' | 'item' | 'relative';
  segments: string[];
}

/**
 * A Power Platform policy template that rewrites a JSON body (request before it is sent, response after it is
 * parsed). `parent` selects an object, or a collection whose elements are each treated alike; `sub` is the
 * property inside it; `target` is where the result goes (default: the property itself).
 */
export type BodyTransform =
  | { kind: 'setProperty'; parent: BodyPath; sub: BodyPath; value: string }
  | {
      kind: 'stringReplace';
      parent: BodyPath;
      sub: BodyPath;
      target: BodyPath;
      find: string;
      replace: string;
    }
  | { kind: 'encodeValue'; parent: BodyPath; sub: BodyPath; target: BodyPath }
  | {
      kind: 'objectToArray';
      parent: BodyPath;
      sub: BodyPath;
      target: BodyPath;
      keyName: string;
      valueName: string;
    }
  | {
      kind: 'arrayToObject';
      parent: BodyPath;
      sub: BodyPath;
      target: BodyPath;
      key: BodyPath;
      retainKey: boolean;
    }
  | {
      kind: 'stringToArray';
      parent: BodyPath;
      sub: BodyPath;
      target: BodyPath;
      delimiters: string;
      childName: string;
    };

/** `x-ms-pageable`: the response carries a page of items and a link to the next page. */
export interface PageableInfo {
  /** Property of the response body holding the next page's URL (`nextLink`, `@odata.nextLink`). */
  nextLinkName: string;
  /** Property of the response body holding the page's items; default `value`. */
  itemName: string;
}

export interface GeneratedOperation {
  operationId: string;
  method: string;
  /** The definition's path key: what WDL `ApiConnection` inputs put in `path`. */
  path: string;
  summary: string;
  description?: string;
  visibility: Visibility;
  deprecated: boolean;
  parameters: OperationParameter[];
  /** Content type the request body is sent with (first of `consumes` that we can encode). */
  requestContentType?: string;
  responses: OperationResponse[];
  trigger?: TriggerInfo;
  /** Where the request really goes after policy templates (`routerequesttoendpoint`). */
  wire: { method: string; path: string };
  /** Per-operation `dynamichosturl` template; wins over the connector's. */
  hostUrlTemplate?: string;
  /** Headers and query parameters policy templates add; values may use `@connectionParameters('x')`. */
  policyHeaders: Record<string, string>;
  policyQueries: Record<string, string>;
  /**
   * `setvaluefromurl` policies: before the call, GET `path` (under the base URL, `{x}` from path parameters) and
   * put the value at `valuePath` (slash path in the JSON body) into request header `header`.
   */
  valueLookups: { header: string; method: string; path: string; valuePath: string }[];
  /** Body-rewriting policy templates, in the order apiProperties lists them. */
  bodyTransforms: { section: 'request' | 'response'; transform: BodyTransform }[];
  /** `x-ms-pageable` (or an `updatenextlink` policy naming the next link): how to follow pages. */
  pageable?: PageableInfo;
  /** JSON path of the operation in the definition. */
  source: string;
}

export type ConnectionParameterType = 'string' | 'securestring' | 'int' | 'bool' | 'oauthSetting';

export interface ConnectionParameter {
  name: string;
  type: ConnectionParameterType;
  secret: boolean;
  required: boolean;
  displayName: string;
  description?: string;
  allowedValues?: string[];
  /** Only for these auth schemes (connection parameter sets); absent: every scheme. */
  forAuth?: string[];
}

export interface OAuth2Settings {
  identityProvider: 'generic' | 'aad';
  /** The provider name as written (`oauth2`, `oauth2generic`, `aad`, `aadcertificate`, `swagger`). */
  declaredProvider: string;
  flow: 'authorizationCode' | 'clientCredentials' | 'implicit' | 'password';
  authorizationUrl?: string;
  tokenUrl: string;
  refreshUrl?: string;
  scopes: string[];
  resourceUri?: string;
  clientId?: string;
}

/** How a connection authenticates to the target; `name` is the scheme's id (a parameter set or a security scheme). */
export type AuthScheme = { name: string; displayName?: string } & (
  | { type: 'none' }
  | { type: 'apiKey'; in: 'header' | 'query'; keyName: string; parameter: string }
  | { type: 'basic'; usernameParameter: string; passwordParameter: string }
  | { type: 'oauth2'; settings: OAuth2Settings }
);

export interface ImportWarning {
  /** JSON path in the definition or in apiProperties (`apiProperties$...`). */
  path: string;
  message: string;
  /** The feature that was skipped, for counting (`x-ms-dynamic-properties`, `policy:setproperty`...). */
  feature?: string;
}

export interface ImportedConnector {
  id: string;
  title: string;
  description?: string;
  /** `info.version` of the definition. */
  version: string;
  specVersion: 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';
  /** `scheme://host/basePath` of the definition, if it names a host; `dynamichosturl` may override it. */
  baseUrl?: string;
  /** `dynamichosturl` template, e.g. `https://@connectionParameters('host')/api`. */
  hostUrlTemplate?: string;
  connectionParameters: ConnectionParameter[];
  authSchemes: AuthScheme[];
  operations: GeneratedOperation[];
  warnings: ImportWarning[];
  /**
   * Every `x-ms-*` extension and policy template (`policy:<id>`) met: `applied` changes what is generated or
   * sent, `metadata` is display or certification data with nothing to run, `unsupported` is skipped.
   */
  extensions: { name: string; count: number; handling: 'applied' | 'metadata' | 'unsupported' }[];
  /** `x-ms-capabilities.testConnection`: the operation that checks a connection works. */
  testConnectionOperationId?: string;
  brandColor?: string;
}
