import { isObject, type JsonObject } from './value-types.js';

/**
 * Binary content and XML in Logic Apps JSON form: `{"$content-type": "<media type>", "$content": "<base64>"}`.
 * Text content (`text/*`) is carried as a plain string instead, which is how Logic Apps shows it in outputs.
 */
export interface ContentEnvelope {
  readonly '$content-type': string;
  readonly $content: string;
}

export const OCTET_STREAM = 'application/octet-stream';
export const XML_CONTENT_TYPE = 'application/xml;charset=utf-8';

export function isContentEnvelope(value: unknown): value is ContentEnvelope & JsonObject {
  return (
    isObject(value) &&
    typeof value['$content'] === 'string' &&
    (value['$content-type'] === undefined || typeof value['$content-type'] === 'string')
  );
}

export function contentType(envelope: ContentEnvelope): string {
  return typeof envelope['$content-type'] === 'string' ? envelope['$content-type'] : OCTET_STREAM;
}

export function isXmlContentType(type: string): boolean {
  const media = mediaType(type);
  return media === 'application/xml' || media === 'text/xml' || media.endsWith('+xml');
}

export function isTextContentType(type: string): boolean {
  return mediaType(type).startsWith('text/');
}

export function mediaType(type: string): string {
  const semicolon = type.indexOf(';');
  return (semicolon === -1 ? type : type.slice(0, semicolon)).trim().toLowerCase();
}

/** Binary content as a value: text types become strings, everything else an envelope. */
export function binaryValue(bytes: Uint8Array, type: string): unknown {
  if (isTextContentType(type)) return decodeText(bytes, type);
  return {
    '$content-type': type,
    $content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  };
}

export function envelopeBytes(envelope: ContentEnvelope): Uint8Array {
  return Buffer.from(envelope.$content, 'base64');
}

/** Text of binary content, decoded with the charset of its content type (UTF-8 unless it says otherwise). */
export function decodeText(bytes: Uint8Array, type: string): string {
  const charset = /;\s*charset\s*=\s*"?([A-Za-z0-9_-]{1,40})/i.exec(type)?.[1]?.toLowerCase();
  const encoding =
    charset === 'iso-8859-1' || charset === 'latin1' || charset === 'us-ascii' || charset === 'ascii'
      ? 'latin1'
      : charset === 'utf-16' || charset === 'utf-16le'
        ? 'utf16le'
        : 'utf8';
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
}

export function envelopeText(envelope: ContentEnvelope): string {
  return decodeText(envelopeBytes(envelope), contentType(envelope));
}

export function utf8Bytes(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Strict base64 decoding (standard or URL alphabet, padding optional). Node's decoder skips bad characters
 * silently; Logic Apps rejects them.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/[\s]+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) || compact.replace(/=+$/, '').length % 4 === 1)
    return undefined;
  return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
}
