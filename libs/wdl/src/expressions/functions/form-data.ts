import { envelopeText, isContentEnvelope, mediaType } from '../values/binary-content.js';
import { isObject, ownProperty } from '../values/value-types.js';
import { toTemplateString } from '../values/value-text.js';

/**
 * Values of a key in form-data or form-encoded outputs (`{headers, body}`). Bodies come in the shapes Logic
 * Apps produces: `{"$formdata": [{key, value}]}`, `{"$multipart": [{headers, body}]}`, a content envelope of
 * type application/x-www-form-urlencoded, or a urlencoded string.
 */
export function formDataValues(outputs: unknown, key: string): string[] {
  if (!isObject(outputs)) return [];
  const body = ownProperty(outputs, 'body');
  if (isObject(body)) {
    const formData = ownProperty(body, '$formdata');
    if (Array.isArray(formData)) {
      return formData
        .filter((entry) => isObject(entry) && entry['key'] === key)
        .map((entry) => toTemplateString((entry as Record<string, unknown>)['value']));
    }
    const parts = ownProperty(body, '$multipart');
    if (Array.isArray(parts)) {
      return parts
        .filter((part) => partName(part) === key)
        .map((part) => toTemplateString(isObject(part) ? part['body'] : null));
    }
    if (isContentEnvelope(body)) return urlEncodedValues(envelopeText(body), key);
    return [];
  }
  if (typeof body === 'string') return urlEncodedValues(body, key);
  return [];
}

/** The body of the part at `index` of a multipart body, or `undefined` when there is no such part. */
export function multipartPart(outputs: unknown, index: number): unknown {
  if (!isObject(outputs)) return undefined;
  const body = ownProperty(outputs, 'body');
  if (!isObject(body)) return undefined;
  const parts = ownProperty(body, '$multipart');
  if (!Array.isArray(parts) || index < 0 || index >= parts.length) return undefined;
  const part: unknown = parts[index];
  return isObject(part) ? (ownProperty(part, 'body') ?? null) : null;
}

function urlEncodedValues(text: string, key: string): string[] {
  return new URLSearchParams(text).getAll(key);
}

/** The `name` of a part's `Content-Disposition: form-data; name="..."` header. */
function partName(part: unknown): string | undefined {
  if (!isObject(part)) return undefined;
  const headers = ownProperty(part, 'headers');
  if (!isObject(headers)) return undefined;
  const disposition = Object.keys(headers).find((name) => name.toLowerCase() === 'content-disposition');
  const value = disposition === undefined ? undefined : headers[disposition];
  if (typeof value !== 'string') return undefined;
  return /name="([^"]*)"/i.exec(value)?.[1] ?? /name=([^;\s]+)/i.exec(value)?.[1];
}

/** Whether a content type names urlencoded form data. */
export function isFormUrlEncoded(type: string): boolean {
  return mediaType(type) === 'application/x-www-form-urlencoded';
}
