import type { KafkaMessage } from 'kafkajs';

/** What a run gets of one message of the user's topic: `triggerBody()` (or one item of a batch). */
export interface KafkaMessageBody {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  /** Parsed JSON when the value is JSON, else the text. */
  value: unknown;
  headers: Record<string, string>;
}

function text(value: Buffer | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.toString('utf8');
}

export function kafkaMessageBody(topic: string, partition: number, message: KafkaMessage): KafkaMessageBody {
  const raw = text(message.value);
  let value: unknown = raw;
  if (raw !== null) {
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
  }
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(header) ? header[0] : header;
    const decoded = text(first);
    if (decoded !== null) headers[name] = decoded;
  }
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: new Date(Number(message.timestamp)).toISOString(),
    key: text(message.key),
    value,
    headers,
  };
}
