/**
 * Request bodies on the wire: JSON, text, a file (Logic Apps `{ $content-type, $content }` with base64 content,
 * or text), `application/x-www-form-urlencoded` and `multipart/form-data` (from an object of fields, or the
 * Logic Apps `$formdata` / `$multipart` forms).
 */
import type { GeneratedOperation } from '../model/imported-connector.js';
import { isObject } from '../import/json-path.js';
import { textValue } from './text-value.js';

export interface EncodedBody {
  bytes: Uint8Array;
  contentType: string;
}

/** Logic Apps' representation of binary content. */
export interface ContentEnvelope {
  '$content-type'?: string;
  $content: string;
}

export function isContentEnvelope(value: unknown): value is ContentEnvelope {
  return isObject(value) && typeof value['$content'] === 'string';
}

function fileBytes(value: unknown): { bytes: Uint8Array; contentType?: string } {
  if (isContentEnvelope(value)) {
    const type = value['$content-type'];
    return {
      bytes: Buffer.from(value.$content, 'base64'),
      ...(typeof type === 'string' ? { contentType: type } : {}),
    };
  }
  if (value instanceof Uint8Array) return { bytes: value };
  return { bytes: Buffer.from(textValue(value), 'utf8') };
}

function formFields(body: unknown): [string, unknown][] {
  if (isObject(body) && Array.isArray(body['$formdata'])) {
    return body['$formdata'].filter(isObject).map((f) => [String(f['key']), f['value']]);
  }
  if (isObject(body) && Array.isArray(body['$multipart'])) {
    return body['$multipart'].filter(isObject).map((part, i) => {
      const headers = isObject(part['headers']) ? part['headers'] : {};
      const disposition = textValue(headers['Content-Disposition'] ?? headers['content-disposition']);
      const name = /name="([^"]*)"/.exec(disposition)?.[1] ?? `part${i}`;
      return [name, part['body']];
    });
  }
  return isObject(body) ? Object.entries(body).filter(([, v]) => v !== undefined) : [];
}

export async function encodeBody(
  operation: GeneratedOperation,
  body: unknown,
): Promise<EncodedBody | undefined> {
  const contentType = operation.requestContentType;
  if (body === undefined || contentType === undefined) return undefined;
  const forms = operation.parameters.filter((p) => p.in === 'formData');
  if (forms.length > 0 && contentType.startsWith('multipart/form-data')) {
    const form = new FormData();
    for (const [name, value] of formFields(body)) {
      const parameter = forms.find((p) => p.name === name);
      if (parameter?.file === true || isContentEnvelope(value)) {
        const file = fileBytes(value);
        form.append(
          name,
          new Blob([file.bytes], {
            type: file.contentType ?? 'application/octet-stream',
          }),
          name,
        );
      } else {
        form.append(name, textValue(value));
      }
    }
    const response = new Response(form);
    return {
      bytes: new Uint8Array(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? 'multipart/form-data',
    };
  }
  if (forms.length > 0) {
    const params = new URLSearchParams();
    for (const [name, value] of formFields(body)) {
      if (Array.isArray(value)) for (const item of value) params.append(name, textValue(item));
      else params.append(name, textValue(value));
    }
    return {
      bytes: Buffer.from(params.toString(), 'utf8'),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  const parameter = operation.parameters.find((p) => p.in === 'body');
  if (parameter?.file === true || isContentEnvelope(body)) {
    const file = fileBytes(body);
    return {
      bytes: file.bytes,
      contentType: parameter?.file === true ? contentType : (file.contentType ?? contentType),
    };
  }
  if (/json/i.test(contentType)) return { bytes: Buffer.from(JSON.stringify(body), 'utf8'), contentType };
  return { bytes: Buffer.from(textValue(body), 'utf8'), contentType };
}
