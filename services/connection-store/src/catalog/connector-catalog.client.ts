import {
  connectionTestResultSchema,
  connectorConnectionSpecSchema,
  type ConnectionTestRequest,
  type ConnectionTestResult,
  type ConnectorConnectionSpec,
} from '@patchbay/contracts';
import { ConnectorCatalogUnavailableError } from './catalog-errors.js';

export interface ConnectorCatalogSettings {
  /** connector-runtime's REST base, e.g. `http://connector-runtime:8082`. */
  url: string;
  /** Bound of a catalogue read. */
  timeoutMs: number;
  /** How long a connector's spec is reused before it is read again. */
  cacheTtlMs: number;
}

/** How long a connection test may take at connector-runtime (it caps tests at 30 s), plus the way there. */
const TEST_TIMEOUT_MS = 35_000;

/** `undefined`: the catalogue has no such connector (404); `detail` is its message. */
export type SpecLookup = { spec: ConnectorConnectionSpec } | { spec: undefined; detail: string };

/**
 * connector-runtime's catalogue over REST: connection specs (cached per connector and version range for
 * `cacheTtlMs`; a miss is never cached, so a custom connector imported a moment ago is found) and connection
 * tests. Any failure to get an answer is `ConnectorCatalogUnavailableError` (retryable).
 */
export class ConnectorCatalogClient {
  private readonly cache = new Map<string, { spec: ConnectorConnectionSpec; until: number }>();

  constructor(private readonly settings: ConnectorCatalogSettings) {}

  async connectionSpec(connectorId: string, range?: string): Promise<SpecLookup> {
    const key = `${connectorId}@${range ?? ''}`;
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.until > Date.now()) return { spec: cached.spec };
    const query = range === undefined ? '' : `?version=${encodeURIComponent(range)}`;
    const answer = await this.call(
      'GET',
      `/api/connectors/${encodeURIComponent(connectorId)}/connection${query}`,
    );
    if (answer.status === 404) return { spec: undefined, detail: messageOf(answer.body) };
    const parsed = connectorConnectionSpecSchema.safeParse(answer.body);
    if (answer.status !== 200 || !parsed.success)
      throw new ConnectorCatalogUnavailableError(
        `connector-runtime answered ${answer.status} to a catalogue read of '${connectorId}'${parsed.success ? '' : ' with something that is not a connection spec'}`,
      );
    this.cache.set(key, { spec: parsed.data, until: Date.now() + this.settings.cacheTtlMs });
    return { spec: parsed.data };
  }

  /** Runs the connector's connection test. The request carries secrets: it is never logged here. */
  async runTest(
    connectorId: string,
    request: ConnectionTestRequest,
  ): Promise<ConnectionTestResult | { notFound: string }> {
    const answer = await this.call(
      'POST',
      `/api/connectors/${encodeURIComponent(connectorId)}/connection-test`,
      request,
      TEST_TIMEOUT_MS,
    );
    if (answer.status === 404) return { notFound: messageOf(answer.body) };
    const parsed = connectionTestResultSchema.safeParse(answer.body);
    if (answer.status !== 200 || !parsed.success)
      throw new ConnectorCatalogUnavailableError(
        `connector-runtime answered ${answer.status} to a connection test of '${connectorId}': ${messageOf(answer.body)}`,
      );
    return parsed.data;
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    timeoutMs = this.settings.timeoutMs,
  ): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.settings.url), {
        method,
        signal: AbortSignal.timeout(timeoutMs),
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } }).cause?.code;
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : typeof cause === 'string'
            ? cause
            : (error as Error).name;
      throw new ConnectorCatalogUnavailableError(
        `connector-runtime's catalogue at ${this.settings.url} cannot be reached (${reason}); try again`,
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed };
  }
}

/** The `error.message` of a platform error answer, for messages. */
function messageOf(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : 'no details';
}
