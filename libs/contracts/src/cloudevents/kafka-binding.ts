import { CE_SPEC_VERSION, CONTENT_TYPE_JSON, type CloudEvent, type KafkaHeaders } from './cloud-event.js';
import { ContractViolationError } from '../errors.js';

/** A Kafka record ready for a producer: headers and value are plain strings/buffers. */
export interface EncodedRecord {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** Encodes an event for Kafka (binary content mode). The data must already be valid for its type. */
export function encodeCloudEvent<T>(event: CloudEvent<T>, key: string): EncodedRecord {
  const headers: Record<string, string> = {
    ce_specversion: CE_SPEC_VERSION,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_time: event.time,
    'content-type': CONTENT_TYPE_JSON,
  };
  if (event.subject !== undefined) headers.ce_subject = event.subject;
  if (event.traceparent !== undefined) headers.traceparent = event.traceparent;
  return { key, value: Buffer.from(JSON.stringify(event.data)), headers };
}

function header(headers: KafkaHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : first.toString();
}

/**
 * Decodes a Kafka record into a CloudEvent with unvalidated data. Throws ContractViolationError naming the
 * missing attribute or the JSON problem; validation of `data` against the type's schema happens next.
 */
export function decodeCloudEvent(
  headers: KafkaHeaders | undefined,
  value: Buffer | null,
): CloudEvent<unknown> {
  const specversion = header(headers, 'ce_specversion');
  if (specversion !== CE_SPEC_VERSION) {
    throw new ContractViolationError(
      `header ce_specversion: expected '${CE_SPEC_VERSION}', found '${specversion ?? '(missing)'}'`,
    );
  }
  const required = ['ce_id', 'ce_source', 'ce_type', 'ce_time'] as const;
  const attrs: Partial<Record<(typeof required)[number], string>> = {};
  for (const name of required) {
    const v = header(headers, name);
    if (v === undefined || v === '')
      throw new ContractViolationError(`header ${name}: required CloudEvents attribute is missing`);
    attrs[name] = v;
  }
  const contentType = header(headers, 'content-type');
  if (contentType !== undefined && !contentType.startsWith(CONTENT_TYPE_JSON)) {
    throw new ContractViolationError(
      `header content-type: expected '${CONTENT_TYPE_JSON}', found '${contentType}'`,
    );
  }
  if (value === null)
    throw new ContractViolationError('value: expected a JSON document, found an empty message');
  let data: unknown;
  try {
    data = JSON.parse(value.toString('utf8'));
  } catch (error) {
    throw new ContractViolationError(`value: not valid JSON (${(error as Error).message})`);
  }
  const event: CloudEvent<unknown> = {
    id: attrs.ce_id!,
    source: attrs.ce_source!,
    type: attrs.ce_type!,
    time: attrs.ce_time!,
    data,
  };
  const subject = header(headers, 'ce_subject');
  if (subject !== undefined) event.subject = subject;
  const traceparent = header(headers, 'traceparent');
  if (traceparent !== undefined) event.traceparent = traceparent;
  return event;
}
