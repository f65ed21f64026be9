import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Agent, request, type Dispatcher } from 'undici';
import {
  CONNECTOR_RUNTIME_CONFIG,
  type ConnectorRuntimeConfig,
} from '../../config/connector-runtime.config.js';
import { ActionErrorCode, failed, timedOut, type ActionOutcome } from '../../execution/action-failure.js';
import type { ActionContext, Connector } from '../../execution/connector.js';
import {
  applyConnectionAuthentication,
  applyInlineAuthentication,
  hasHeader,
  setHeader,
  type OutgoingRequest,
} from './http-auth.js';
import { parseHttpInputs, type HttpInputs } from './http-inputs.js';
import { decodeResponseBody, flattenHeaders } from './http-response-body.js';

/** Statuses worth another attempt: the target may answer differently later. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The target without query or credentials, for messages (a connection may have put its key in the query). */
function describeTarget(inputs: HttpInputs): string {
  const url = new URL(inputs.uri);
  return `${inputs.method} ${url.origin}${url.pathname}`;
}

class ResponseTooLargeError extends Error {}

/**
 * The built-in `Http` action: one HTTP call with undici. The response becomes `{ statusCode, headers, body }`;
 * 2xx and 3xx (redirects are not followed) succeed; 4xx/5xx fail with `HttpStatus<code>`, retryable for
 * 408, 429 and 5xx, with the outputs kept. Request headers never appear in outputs: they may hold secrets.
 */
@Injectable()
export class HttpConnector implements Connector, OnApplicationShutdown {
  readonly actionType = 'Http';
  readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly dispatcher: Dispatcher;

  constructor(@Inject(CONNECTOR_RUNTIME_CONFIG) config: ConnectorRuntimeConfig) {
    this.timeoutMs = config.http.actionTimeoutMs;
    this.maxResponseBytes = config.http.maxResponseBytes;
    this.dispatcher = new Agent({
      connect: { timeout: Math.min(30_000, this.timeoutMs) },
      keepAliveTimeout: 10_000,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close();
  }

  async execute(context: ActionContext): Promise<ActionOutcome> {
    const parsed = parseHttpInputs(context.request.inputs);
    if (!parsed.ok) {
      if (parsed.unsupportedAuthentication !== undefined) {
        return failed(
          ActionErrorCode.AuthenticationTypeNotSupported,
          `authentication type '${parsed.unsupportedAuthentication}' is not supported`,
          false,
        );
      }
      return failed(
        ActionErrorCode.InvalidActionInputs,
        `Http inputs are invalid: ${parsed.problems.join('; ')}`,
        false,
      );
    }
    const inputs = parsed.inputs;
    const outgoing = this.buildRequest(inputs, context);
    if ('problem' in outgoing) return outgoing.problem;
    try {
      return await this.send(inputs, outgoing, context);
    } catch (error) {
      return this.failureOf(error, inputs, context);
    }
  }

  private buildRequest(
    inputs: HttpInputs,
    context: ActionContext,
  ): OutgoingRequest | { problem: ActionOutcome } {
    const url = new URL(inputs.uri);
    for (const [name, value] of Object.entries(inputs.queries)) url.searchParams.set(name, value);
    const outgoing: OutgoingRequest = { url, headers: { ...inputs.headers } };
    if (inputs.authentication !== undefined) applyInlineAuthentication(outgoing, inputs.authentication);
    if (context.connection !== undefined) {
      // The connection is applied last: it is what the workflow was granted.
      const problem = applyConnectionAuthentication(outgoing, context.connection);
      if (problem !== undefined) {
        return {
          problem: failed(
            ActionErrorCode.ConnectionUnusable,
            `connection '${context.connection.connectionName}' cannot be used: ${problem.problem}`,
            false,
          ),
        };
      }
    }
    // Lets targets that support it (IETF Idempotency-Key) drop a repeated attempt of the same action.
    if (!hasHeader(outgoing.headers, 'Idempotency-Key'))
      setHeader(outgoing.headers, 'Idempotency-Key', context.request.idempotencyKey);
    return outgoing;
  }

  private async send(
    inputs: HttpInputs,
    outgoing: OutgoingRequest,
    context: ActionContext,
  ): Promise<ActionOutcome> {
    const body = this.encodeBody(inputs, outgoing.headers);
    const response = await request(outgoing.url, {
      dispatcher: this.dispatcher,
      method: inputs.method,
      headers: outgoing.headers,
      body,
      signal: context.signal,
      headersTimeout: context.budgetMs,
      bodyTimeout: context.budgetMs,
    });
    const bytes = await this.readBody(response.body);
    const headers = flattenHeaders(response.headers);
    const outputs: Record<string, unknown> = { statusCode: response.statusCode, headers };
    const decoded = decodeResponseBody(bytes, headers['content-type']);
    if (decoded !== undefined) outputs.body = decoded;
    if (response.statusCode < 400) return { status: 'Succeeded', outputs };
    if ((response.statusCode === 401 || response.statusCode === 403) && context.connection !== undefined)
      context.connectionRejected();
    return failed(
      `HttpStatus${response.statusCode}`,
      `${describeTarget(inputs)} answered ${response.statusCode}`,
      isRetryableStatus(response.statusCode),
      outputs,
    );
  }

  /** Objects, arrays, numbers and booleans go as JSON; strings as they are; no body for HEAD. */
  private encodeBody(inputs: HttpInputs, headers: Record<string, string>): string | undefined {
    if (inputs.body === undefined || inputs.body === null || inputs.method === 'HEAD') return undefined;
    if (typeof inputs.body === 'string') return inputs.body;
    if (!hasHeader(headers, 'Content-Type')) setHeader(headers, 'Content-Type', 'application/json');
    return JSON.stringify(inputs.body);
  }

  private async readBody(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > this.maxResponseBytes) {
        body.destroy();
        throw new ResponseTooLargeError();
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  private failureOf(error: unknown, inputs: HttpInputs, context: ActionContext): ActionOutcome {
    const target = describeTarget(inputs);
    if (error instanceof ResponseTooLargeError) {
      return failed(
        ActionErrorCode.ResponseTooLarge,
        `${target}: the response body is larger than ${this.maxResponseBytes} bytes`,
        false,
      );
    }
    const code = (error as { code?: unknown }).code;
    if (context.signal.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return timedOut(`${target} did not answer within ${context.budgetMs} ms`);
    }
    if (code === 'UND_ERR_INVALID_ARG') {
      return failed(
        ActionErrorCode.InvalidActionInputs,
        `Http inputs are invalid: ${(error as Error).message}`,
        false,
      );
    }
    const reason = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
    // Connection refused, reset, DNS failure, TLS failure: the target was not reachable this time.
    return failed(ActionErrorCode.HttpRequestFailed, `${target} failed: ${reason}`, true);
  }
}
