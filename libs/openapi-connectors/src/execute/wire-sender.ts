/**
 * One HTTP exchange of the executor through undici with the caller's dispatcher: the body read with a byte
 * limit (a precise error above it), decoded as Logic Apps shows it.
 */
import { request, type Dispatcher } from 'undici';
import { ResponseTooLargeError, TargetCallError } from '../errors.js';
import type { OperationResult } from '../model/operation-result.js';
import type { WireRequest } from './request-builder.js';

export interface SendOptions {
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  /** Larger response bodies (all pages together when paging) fail the call. Default 10 MiB. */
  maxResponseBytes?: number;
  /** Names the limit in the error (e.g. the setting that configures it). */
  maxResponseBytesName?: string;
}

/** A response with its body size, for limits that span several responses. */
export interface SizedResult extends Omit<OperationResult, 'operationId'> {
  bytes: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** The message of a too-large response: the limit, and the setting that configures it when known. */
export function tooLargeMessage(what: string, limit: number, options: SendOptions): string {
  return `${what} exceeds ${limit} bytes${
    options.maxResponseBytesName === undefined ? '' : ` (${options.maxResponseBytesName})`
  }`;
}

const TEXT_TYPE = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded))|[/+](json|xml)\b/i;
const JSON_TYPE = /json/i;

/** A response body as Logic Apps outputs show it; undefined when empty. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): unknown {
  if (bytes.length === 0) return undefined;
  const type = contentType?.split(';')[0]?.trim() ?? '';
  const buffer = Buffer.from(bytes);
  if (type === '' || TEXT_TYPE.test(type)) {
    const text = buffer.toString('utf8');
    if (JSON_TYPE.test(type) || type === '') {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        if (type === '' && text.includes('\uFFFD'))
          return { '$content-type': 'application/octet-stream', $content: buffer.toString('base64') };
        return text;
      }
    }
    return text;
  }
  return { '$content-type': contentType ?? 'application/octet-stream', $content: buffer.toString('base64') };
}

export async function sendWireRequest(
  wire: WireRequest,
  options: SendOptions = {},
): Promise<Omit<OperationResult, 'operationId'>> {
  const { bytes: _bytes, ...result } = await sendSized(wire, options, options.maxResponseBytes);
  return result;
}

/**
 * Sends `wire` and reads at most `limit` bytes of its body (default: `options.maxResponseBytes`; less when earlier
 * pages used part of it). The error names `options.maxResponseBytes`, the limit the caller configured.
 */
export async function sendSized(
  wire: WireRequest,
  options: SendOptions,
  limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  what = `the response of ${wire.method} ${new URL(wire.url).origin}`,
): Promise<SizedResult> {
  let response: Dispatcher.ResponseData;
  try {
    response = await request(wire.url, {
      method: wire.method,
      headers: wire.headers,
      ...(wire.body !== undefined ? { body: wire.body } : {}),
      ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new TargetCallError(
      `${wire.method} ${new URL(wire.url).origin} failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        response.body.destroy();
        throw new ResponseTooLargeError(
          tooLargeMessage(what, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, options),
        );
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof ResponseTooLargeError) throw error;
    throw new TargetCallError(
      `${wire.method} ${new URL(wire.url).origin} failed while sending its body: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const body = decodeBody(Buffer.concat(chunks), headers['content-type']);
  return { statusCode: response.statusCode, headers, bytes: size, ...(body !== undefined ? { body } : {}) };
}
