/** Content types whose body is text (JSON is parsed on top of that). */
const TEXT_TYPE =
  /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|graphql|yaml)\b)|[/+](json|xml)\b/i;
const JSON_TYPE = /^application\/json\b|\+json\b/i;

/**
 * A response body as Logic Apps shows it in outputs: parsed JSON for JSON content types (text if it does not
 * parse), text for textual types, and `{ $content-type, $content }` (base64) for anything binary.
 * Resolves to `undefined` for an empty body.
 */
export function decodeResponseBody(bytes: Buffer, contentType: string | undefined): unknown {
  if (bytes.length === 0) return undefined;
  const type = contentType?.split(';')[0]?.trim() ?? '';
  if (type === '' || TEXT_TYPE.test(type)) {
    const text = bytes.toString('utf8');
    if (type === '' && text.includes('\uFFFD')) return binary(bytes, 'application/octet-stream');
    if (JSON_TYPE.test(type)) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text; // a server that labels non-JSON as JSON: keep what it sent
      }
    }
    return text;
  }
  return binary(bytes, contentType ?? 'application/octet-stream');
}

function binary(bytes: Buffer, contentType: string): { '$content-type': string; $content: string } {
  return { '$content-type': contentType, $content: bytes.toString('base64') };
}

/** Response headers as one string each (repeated headers joined with `, `). */
export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** A body above the byte limit; the message says how large it announced itself or where it was cut off. */
export class ResponseTooLargeError extends Error {}

/**
 * Reads at most `maxBytes` (less than the setting when earlier pages used part of it). A Content-Length above
 * the limit fails before any byte is read; an unannounced body fails at the first chunk past it, so no more
 * than the limit is ever held in memory.
 */
export async function readResponseBody(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  maxBytes: number,
  contentLength: string | undefined,
): Promise<Buffer> {
  const announced = contentLength === undefined ? NaN : Number(contentLength);
  if (Number.isFinite(announced) && announced > maxBytes) {
    body.destroy();
    throw new ResponseTooLargeError(`announces ${announced} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new ResponseTooLargeError(`was cut off after ${size} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
