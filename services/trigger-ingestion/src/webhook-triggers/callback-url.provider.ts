import type { AddressInfo } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { callbackPath } from '@patchbay/contracts';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { LOGGER } from '../tokens.js';

/**
 * The signed callback URL a webhook trigger subscribes with: the same URL a Request trigger gets
 * (`<PATCHBAY_PUBLIC_BASE_URL>/api/hooks/<workflow>/triggers/<trigger>/invoke?sv=..&sig=..`), signed with the
 * newest key. Without PATCHBAY_PUBLIC_BASE_URL the service's own loopback address is used, which only callers on
 * this host can reach: a warning says so.
 */
@Injectable()
export class CallbackUrlProvider {
  private loopbackBase?: string;

  constructor(
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Called once the HTTP server listens: its port is the fallback base when no public base URL is set. */
  listeningOn(address: AddressInfo | string | null): void {
    if (this.config.PATCHBAY_PUBLIC_BASE_URL !== undefined) return;
    if (address === null || typeof address === 'string') return;
    this.loopbackBase = `http://127.0.0.1:${address.port}`;
    this.logger.warn(
      { base: this.loopbackBase },
      'PATCHBAY_PUBLIC_BASE_URL is not set: webhook triggers subscribe with a loopback callback URL',
    );
  }

  /** Undefined until the HTTP server listens when no public base URL is configured. */
  urlOf(workflowId: string, triggerName: string, keyVersion: number): string | undefined {
    const base = this.config.PATCHBAY_PUBLIC_BASE_URL ?? this.loopbackBase;
    if (base === undefined) return undefined;
    const [key] = this.config.PATCHBAY_WEBHOOK_SIGNING_KEY;
    const path = callbackPath(key!, workflowId, triggerName, keyVersion);
    return `${base.replace(/\/+$/, '')}${path}`;
  }
}
