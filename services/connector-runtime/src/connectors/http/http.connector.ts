import { setTimeout as sleep } from 'node:timers/promises';
import { interceptors, request, type Dispatcher } from 'undici';
import {
  ConnectorError,
  ConnectorErrorCode,
  defineAction,
  defineConnector,
  EgressDeniedError,
  type ActionResult,
  type ConnectorDeclaration,
  type OperationContext,
} from '@patchbay/connector-sdk';
import {
  applyConnectionAuthentication,
  applyInlineAuthentication,
  hasHeader,
  setHeader,
  type OutgoingRequest,
} from './http-auth.js';
import { parseHttpInputs, type HttpInputs } from './http-inputs.js';
import { httpInputSchema } from './http-input.schema.js';
import { collectHttpPages, type SizedAnswer } from './http-pagination.js';
import {
  decodeResponseBody,
  flattenHeaders,
  readResponseBody,
  ResponseTooLargeError,
} from './http-response-body.js';
import { retryAfterMs } from './http-retry-after.js';

export interface HttpConnectorOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  maxRedirections?: number;
  /** Polls of a 202 + Location operation without Retry-After wait this long. */
  asyncPollIntervalMs?: number;
  /** 429 answers waited out inside one attempt (when Retry-After fits its time). */
  maxThrottleWaits?: number;
  /** Most pages one action follows when its `paginationPolicy` asks for pagination. Default 1000. */
  maxPages?: number;
}

/** The setting `maxResponseBytes` comes from, named in the error of a larger body. */
export const MAX_RESPONSE_BYTES_SETTING = 'PATCHBAY_HTTP_MAX_RESPONSE_BYTES';

/** Statuses worth another attempt: the target may answer differently later. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The target without query or credentials, for messages (a connection may have put its key in the query). */
function describe(method: string, url: URL): string {
  return `${method} ${url.origin}${url.pathname}`;
}

type HttpAnswer = SizedAnswer;

/**
 * The built-in `http` connector (WDL `Http` action): one HTTP call with undici through the egress-checked
 * dispatcher. Redirects are followed (each hop is a new egress check); a 202 with `Location` is polled until it
 * finishes (the Logic Apps asynchronous pattern); a 429 whose Retry-After fits the attempt's time is waited out.
 * The result is `{ statusCode, headers, body }`; >= 400 fails with `HttpStatus<code>` (retryable for 408, 429,
 * 5xx) and keeps the outputs. Request headers never appear in outputs: they may hold secrets.
 */
export class HttpConnector {
  private readonly maxRedirections: number;
  private readonly asyncPollIntervalMs: number;
  private readonly maxThrottleWaits: number;

  constructor(private readonly options: HttpConnectorOptions) {
    this.maxRedirections = options.maxRedirections ?? 10;
    this.asyncPollIntervalMs = options.asyncPollIntervalMs ?? 2_000;
    this.maxThrottleWaits = options.maxThrottleWaits ?? 3;
  }

  declaration(): ConnectorDeclaration {
    return defineConnector({
      id: 'http',
      version: '1.0.0',
      kind: 'builtin',
      display: { name: 'HTTP', description: 'Call any HTTP endpoint.', category: 'Built-in' },
      connection: 'optional',
      connectionParameters: [
        {
          name: 'username',
          type: 'string',
          secret: false,
          required: true,
          displayName: 'User name',
          forAuthTypes: ['basic'],
        },
        {
          name: 'password',
          type: 'string',
          secret: true,
          required: true,
          displayName: 'Password',
          forAuthTypes: ['basic'],
        },
        {
          name: 'apiKey',
          type: 'string',
          secret: true,
          required: true,
          displayName: 'API key',
          forAuthTypes: ['apiKey'],
        },
        {
          name: 'headerName',
          type: 'string',
          secret: false,
          required: false,
          displayName: 'Header name',
          default: 'X-API-Key',
          forAuthTypes: ['apiKey'],
        },
        {
          name: 'queryName',
          type: 'string',
          secret: false,
          required: false,
          displayName: 'Query parameter name',
          forAuthTypes: ['apiKey'],
        },
        {
          name: 'token',
          type: 'string',
          secret: true,
          required: true,
          displayName: 'Bearer token',
          forAuthTypes: ['bearer'],
        },
        {
          name: 'pfx',
          type: 'string',
          secret: true,
          required: false,
          displayName: 'PKCS#12 bundle (base64); or certificate + privateKey',
          forAuthTypes: ['clientCertificate'],
        },
        {
          name: 'password',
          type: 'string',
          secret: true,
          required: false,
          displayName: 'Bundle password',
          forAuthTypes: ['clientCertificate'],
        },
        {
          name: 'certificate',
          type: 'string',
          secret: false,
          required: false,
          displayName: 'Client certificate (PEM), with privateKey',
          forAuthTypes: ['clientCertificate'],
        },
        {
          name: 'privateKey',
          type: 'string',
          secret: true,
          required: false,
          displayName: 'Private key (PEM)',
          forAuthTypes: ['clientCertificate'],
        },
        {
          name: 'passphrase',
          type: 'string',
          secret: true,
          required: false,
          displayName: 'Private key passphrase',
          forAuthTypes: ['clientCertificate'],
        },
        {
          name: 'caCertificate',
          type: 'string',
          secret: false,
          required: false,
          displayName: "The target's CA certificate (PEM), when it is not publicly trusted",
          forAuthTypes: ['clientCertificate'],
        },
        {
          name: 'testUrl',
          type: 'string',
          secret: false,
          required: false,
          displayName: 'URL the connection test GETs (any status below 400 passes)',
        },
      ],
      authTypes: [
        { type: 'none' },
        { type: 'basic' },
        { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        { type: 'bearer' },
        { type: 'clientCertificate' },
        // A generic HTTP connection names its provider's endpoints in its own parameters (connection-store
        // runs consent and refresh); the declaration only says which flows the connector can use.
        {
          type: 'oauth2',
          provider: { identityProvider: 'generic', flow: 'authorizationCode', tokenUrl: '', scopes: [] },
        },
        {
          type: 'oauth2',
          provider: { identityProvider: 'generic', flow: 'clientCredentials', tokenUrl: '', scopes: [] },
        },
      ],
      testConnection: (context) => this.testConnection(context),
      timeoutMs: this.options.timeoutMs,
      actions: [
        defineAction<unknown, unknown>({
          kind: 'action',
          id: 'request',
          display: { summary: 'HTTP request', description: 'Send an HTTP request (WDL Http action).' },
          inputSchema: httpInputSchema,
          outputSchema: {
            type: 'object',
            properties: { statusCode: { type: 'integer' }, headers: { type: 'object' }, body: {} },
          },
          execute: (context, inputs) => this.execute(context, inputs),
        }),
      ],
      triggers: [],
    });
  }

  /** GETs the connection's `testUrl` with its credentials; below 400 passes. Without a testUrl: not tested. */
  private async testConnection(context: OperationContext): Promise<void> {
    const testUrl = context.connection?.parameters.testUrl;
    if (typeof testUrl !== 'string' || testUrl === '')
      throw new ConnectorError(
        ConnectorErrorCode.ConnectionTestUnavailable,
        'an Http connection is tested by a GET of its parameters.testUrl, and this one has none',
        false,
      );
    await this.execute(context, { method: 'GET', uri: testUrl });
  }

  private async execute(context: OperationContext, raw: unknown): Promise<ActionResult> {
    const parsed = parseHttpInputs(raw);
    if (!parsed.ok) {
      if (parsed.unsupportedAuthentication !== undefined)
        throw new ConnectorError(
          'AuthenticationTypeNotSupported',
          `authentication type '${parsed.unsupportedAuthentication}' is not supported`,
          false,
        );
      throw new ConnectorError(
        ConnectorErrorCode.InvalidInputs,
        `Http inputs are invalid: ${parsed.problems.join('; ')}`,
        false,
      );
    }
    const inputs = parsed.inputs;
    const budgetMs = Math.max(0, Math.round(context.deadline - Date.now()));
    const outgoing = this.buildRequest(inputs, context);
    const target = describe(inputs.method, outgoing.url);
    try {
      const answer = await this.callHonouringThrottling(inputs, outgoing, context);
      const settled =
        answer.statusCode === 202 && answer.headers.location !== undefined
          ? await this.pollAsyncOperation(answer, outgoing, context)
          : answer;
      const final =
        context.pagination === undefined
          ? settled
          : await collectHttpPages(
              settled,
              outgoing.url,
              context.pagination.minimumItemCount,
              { maxBytes: this.options.maxResponseBytes, maxPages: this.options.maxPages ?? 1_000 },
              (url, maxBytes) => this.nextPage(url, outgoing, context, maxBytes),
            );
      return this.resultOf(final, inputs.method, outgoing.url, context);
    } catch (error) {
      throw this.failureOf(error, target, context, budgetMs);
    }
  }

  private buildRequest(inputs: HttpInputs, context: OperationContext): OutgoingRequest {
    const url = new URL(inputs.uri);
    for (const [name, value] of Object.entries(inputs.queries)) url.searchParams.set(name, value);
    const outgoing: OutgoingRequest = { url, headers: { ...inputs.headers } };
    if (inputs.authentication !== undefined) applyInlineAuthentication(outgoing, inputs.authentication);
    if (context.connection !== undefined) {
      // The connection is applied last: it is what the workflow was granted.
      const problem = applyConnectionAuthentication(outgoing, context.connection);
      if (problem !== undefined)
        throw new ConnectorError(
          ConnectorErrorCode.ConnectionUnusable,
          `connection '${context.connection.connectionName}' cannot be used: ${problem.problem}`,
          false,
        );
    }
    // Lets targets that support it (IETF Idempotency-Key) drop a repeated attempt of the same action.
    if (!hasHeader(outgoing.headers, 'Idempotency-Key'))
      setHeader(outgoing.headers, 'Idempotency-Key', context.idempotencyKey);
    return outgoing;
  }

  private dispatcherFor(outgoing: OutgoingRequest, context: OperationContext, follow: boolean): Dispatcher {
    const base = context.network.httpDispatcher(outgoing.tls);
    return follow ? base.compose(interceptors.redirect({ maxRedirections: this.maxRedirections })) : base;
  }

  /** Sends; a 429 whose Retry-After still fits the attempt's time is waited out and sent again. */
  private async callHonouringThrottling(
    inputs: HttpInputs,
    outgoing: OutgoingRequest,
    context: OperationContext,
  ): Promise<HttpAnswer> {
    const body = this.encodeBody(inputs, outgoing.headers);
    const dispatcher = this.dispatcherFor(outgoing, context, inputs.followRedirects);
    for (let waits = 0; ; waits++) {
      const answer = await this.call(
        dispatcher,
        inputs.method,
        outgoing.url,
        outgoing.headers,
        body,
        context,
      );
      if (answer.statusCode !== 429) return answer;
      const wait = retryAfterMs(answer.headers['retry-after']);
      if (wait === undefined || waits >= this.maxThrottleWaits || Date.now() + wait >= context.deadline)
        return answer;
      context.logger.info(
        { waitMs: wait, target: describe(inputs.method, outgoing.url) },
        'throttled (429): waiting Retry-After',
      );
      await sleep(wait, undefined, { signal: context.signal });
    }
  }

  /** The Logic Apps asynchronous pattern: GET the Location until the answer is no longer 202. */
  private async pollAsyncOperation(
    accepted: HttpAnswer,
    outgoing: OutgoingRequest,
    context: OperationContext,
  ): Promise<HttpAnswer> {
    let answer = accepted;
    let location = new URL(accepted.headers.location!, outgoing.url);
    const dispatcher = this.dispatcherFor(outgoing, context, true);
    while (answer.statusCode === 202 && answer.headers.location !== undefined) {
      location = new URL(answer.headers.location, location);
      const wait = retryAfterMs(answer.headers['retry-after']) ?? this.asyncPollIntervalMs;
      await sleep(wait, undefined, { signal: context.signal });
      // Credentials go only back to the origin that issued them.
      const headers = location.origin === outgoing.url.origin ? { ...outgoing.headers } : {};
      delete headers['Idempotency-Key'];
      answer = await this.call(dispatcher, 'GET', location, headers, undefined, context);
    }
    return answer;
  }

  /** GET of a next link: the credentials go only back to the origin that issued them. */
  private async nextPage(
    url: URL,
    outgoing: OutgoingRequest,
    context: OperationContext,
    maxBytes: number,
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = {};
    if (url.origin === outgoing.url.origin)
      for (const [name, value] of Object.entries(outgoing.headers))
        if (!/^(idempotency-key|content-type)$/i.test(name)) headers[name] = value;
    const dispatcher = this.dispatcherFor(outgoing, context, true);
    return this.call(dispatcher, 'GET', url, headers, undefined, context, maxBytes);
  }

  private async call(
    dispatcher: Dispatcher,
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    context: OperationContext,
    maxBytes = this.options.maxResponseBytes,
  ): Promise<HttpAnswer> {
    const budget = Math.max(1, context.deadline - Date.now());
    const response = await request(url, {
      dispatcher,
      method,
      headers,
      body,
      signal: context.signal,
      headersTimeout: budget,
      bodyTimeout: budget,
    });
    const flat = flattenHeaders(response.headers);
    const bytes = await readResponseBody(response.body, maxBytes, flat['content-length']);
    const answer: HttpAnswer = { statusCode: response.statusCode, headers: flat, bytes: bytes.length };
    const decoded = decodeResponseBody(bytes, flat['content-type']);
    if (decoded !== undefined) answer.body = decoded;
    return answer;
  }

  private resultOf(answer: HttpAnswer, method: string, url: URL, context: OperationContext): ActionResult {
    const outputs: ActionResult = { statusCode: answer.statusCode, headers: answer.headers };
    if (answer.body !== undefined) outputs.body = answer.body;
    if (answer.statusCode < 400) return outputs;
    if ((answer.statusCode === 401 || answer.statusCode === 403) && context.connection !== undefined)
      context.credentialsRejected();
    const retryAfter = answer.statusCode === 429 ? retryAfterMs(answer.headers['retry-after']) : undefined;
    throw new ConnectorError(
      `HttpStatus${answer.statusCode}`,
      `${describe(method, url)} answered ${answer.statusCode}` +
        (retryAfter === undefined ? '' : ` (Retry-After ${Math.ceil(retryAfter / 1_000)} s)`),
      isRetryableStatus(answer.statusCode),
      retryAfter === undefined ? { outputs } : { outputs, retryAfterMs: retryAfter },
    );
  }

  /** Objects, arrays, numbers and booleans go as JSON; strings as they are; no body for HEAD. */
  private encodeBody(inputs: HttpInputs, headers: Record<string, string>): string | undefined {
    if (inputs.body === undefined || inputs.body === null || inputs.method === 'HEAD') return undefined;
    if (typeof inputs.body === 'string') return inputs.body;
    if (!hasHeader(headers, 'Content-Type')) setHeader(headers, 'Content-Type', 'application/json');
    return JSON.stringify(inputs.body);
  }

  private failureOf(
    error: unknown,
    target: string,
    context: OperationContext,
    budgetMs: number,
  ): ConnectorError {
    if (error instanceof ConnectorError) return error;
    if (error instanceof ResponseTooLargeError)
      return new ConnectorError(
        ConnectorErrorCode.ResponseTooLarge,
        `${target}: the response body ${error.message}, more than the ${this.options.maxResponseBytes} bytes ` +
          `an Http action may return (${MAX_RESPONSE_BYTES_SETTING}; with pagination, all pages together): ` +
          'action results travel in Kafka messages and run history',
        false,
      );
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof EgressDeniedError) return cause;
    const code = (error as { code?: unknown }).code;
    if (context.signal.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new ConnectorError(
        ConnectorErrorCode.TimedOut,
        `${target} did not answer within ${budgetMs} ms`,
        true,
      );
    }
    if (code === 'UND_ERR_INVALID_ARG')
      return new ConnectorError(
        ConnectorErrorCode.InvalidInputs,
        `Http inputs are invalid: ${(error as Error).message}`,
        false,
      );
    if (error instanceof Error && error.name === 'RedirectError')
      return new ConnectorError(
        'TooManyRedirects',
        `${target}: more than ${this.maxRedirections} redirects`,
        false,
      );
    const reason = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
    // Connection refused, reset, DNS failure, TLS failure: the target was not reachable this time.
    return new ConnectorError('HttpRequestFailed', `${target} failed: ${reason}`, true);
  }
}
