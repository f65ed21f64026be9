import { Inject, Injectable } from '@nestjs/common';
import { request } from 'undici';
import { parse as parseYaml } from 'yaml';
import { ConnectorError } from '@patchbay/connector-sdk';
import { ValidationFailedError } from '@patchbay/platform';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { EgressGuard } from '../egress/egress-guard.js';
import { DEFAULT_NAMESPACE } from '../execution/operation-context.factory.js';

const FETCH_TIMEOUT_MS = 30_000;

/**
 * Fetches a definition (or apiProperties) from a URL through the egress guard: the address connected to must
 * pass the egress rules (default: no loopback, private or link-local addresses), redirects are not followed,
 * the body is capped at `PATCHBAY_CONNECTOR_DEFINITION_MAX_BYTES`, and it must be a JSON or YAML object.
 * Every failure is a `ValidationFailedError` naming the field the URL came from.
 */
@Injectable()
export class DefinitionFetcher {
  private readonly maxBytes: number;

  constructor(
    private readonly egress: EgressGuard,
    @Inject(CONNECTOR_RUNTIME_CONFIG) config: Pick<ConnectorRuntimeConfig, 'customConnectors'>,
  ) {
    this.maxBytes = config.customConnectors.maxDefinitionBytes;
  }

  async fetch(url: string, field: string): Promise<Record<string, unknown>> {
    const fail = (message: string): never => {
      throw new ValidationFailedError(`${field} ${message}`, [{ path: field, message, found: url }]);
    };
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method: 'GET',
        headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' },
        dispatcher: this.egress.dispatcher(DEFAULT_NAMESPACE),
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch (error) {
      if (error instanceof ConnectorError) return fail(`cannot be fetched: ${error.message}`);
      return fail(`cannot be fetched: ${(error as Error).message}`);
    }
    if (response.statusCode >= 300) {
      await response.body.dump();
      return fail(
        response.statusCode < 400
          ? `answered ${response.statusCode} (redirects are not followed; give the final URL)`
          : `answered HTTP ${response.statusCode}`,
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > this.maxBytes) {
        response.body.destroy();
        return fail(`is larger than ${this.maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      try {
        parsed = parseYaml(text, { maxAliasCount: 100 });
      } catch (error) {
        return fail(`is neither JSON nor YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
      }
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      return fail('does not contain a JSON or YAML object');
    return parsed as Record<string, unknown>;
  }
}
