import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Topics, verifyActionCallback, type ActionCallback } from '@patchbay/contracts';
import { EventPublisher, withLogFields } from '@patchbay/platform';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { actionCallbackErrors } from './action-callback.errors.js';

export interface ActionCallbackCall {
  runId: string;
  callbackId: string;
  method: string;
  headers: Record<string, string>;
  /** Query parameters, the signature included. */
  queries: Record<string, string>;
  body: unknown;
}

/**
 * Accepts a call of a webhook action's callback URL (`HttpWebhook`, `ApiConnectionWebhook` in a running workflow):
 * checks the signature (a trigger URL's signature never passes: another purpose) and the method, then publishes
 * `patchbay.action.callback.v1` with acks=all and only then lets the caller be answered, so an accepted callback is
 * never lost. Whether the action still waits is the orchestrator's to know: a duplicate or late callback is
 * accepted here and changes nothing there.
 */
@Injectable()
export class ActionCallbackIntakeService {
  constructor(
    private readonly publisher: EventPublisher,
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
  ) {}

  async accept(call: ActionCallbackCall): Promise<void> {
    const signature = call.queries['sig'];
    if (
      signature === undefined ||
      !verifyActionCallback(this.config.PATCHBAY_WEBHOOK_SIGNING_KEY, call.runId, call.callbackId, signature)
    )
      throw actionCallbackErrors.badSignature();
    if (call.method.toUpperCase() !== 'POST')
      throw actionCallbackErrors.wrongMethod(call.method.toUpperCase());
    const { sig: _sig, ...queries } = call.queries;
    const event: ActionCallback = {
      runId: call.runId,
      callbackId: call.callbackId,
      receivedAt: new Date().toISOString(),
      method: 'POST',
      headers: call.headers,
      queries,
      ...(call.body === null || call.body === undefined ? {} : { body: call.body }),
    };
    await withLogFields({ runId: call.runId }, async () => {
      try {
        await this.publisher.publish(Topics.actionCallback, event, { key: call.runId, id: randomUUID() });
      } catch {
        throw actionCallbackErrors.unavailable();
      }
    });
  }
}
