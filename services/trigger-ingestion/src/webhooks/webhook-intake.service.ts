import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Topics, verifyCallback, type RunResponse, type TriggerFired } from '@patchbay/contracts';
import { EventPublisher, withLogFields } from '@patchbay/platform';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { TriggerRegistry } from '../registry/trigger-registry.js';
import { ResponseWaiter } from '../responses/response-waiter.js';
import { webhookErrors } from './webhook.errors.js';

export interface WebhookCall {
  workflowId: string;
  triggerName: string;
  method: string;
  headers: Record<string, string>;
  queries: Record<string, string>;
  body: unknown;
  signature?: string;
  keyVersion?: string;
}

export type WebhookOutcome =
  { kind: 'accepted'; runId: string } | { kind: 'response'; runId: string; response: RunResponse };

/** Query parameters that belong to the callback URL itself and are not passed to the run. */
const SIGNATURE_QUERY = new Set(['sig', 'sv', 'sp', 'api-version']);

/**
 * Accepts a call to a Request trigger: checks it, records the trigger event durably, and only then answers,
 * either at once (202 with the run id) or with the Response action's answer.
 */
@Injectable()
export class WebhookIntakeService {
  constructor(
    private readonly registry: TriggerRegistry,
    private readonly publisher: EventPublisher,
    private readonly waiter: ResponseWaiter,
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
  ) {}

  async accept(call: WebhookCall): Promise<WebhookOutcome> {
    const workflow = this.registry.workflow(call.workflowId);
    if (workflow === undefined) throw webhookErrors.unknownWorkflow(call.workflowId);
    const found = this.registry.trigger(call.workflowId, call.triggerName);
    if (found === undefined) throw webhookErrors.unknownTrigger(call.workflowId, call.triggerName);
    const { trigger } = found;
    const keyVersion = Number(call.keyVersion);
    if (
      call.signature === undefined ||
      !Number.isInteger(keyVersion) ||
      keyVersion !== trigger.signatureKeyVersion ||
      !verifyCallback(
        this.config.PATCHBAY_WEBHOOK_SIGNING_KEY,
        call.workflowId,
        call.triggerName,
        keyVersion,
        call.signature,
      )
    ) {
      throw webhookErrors.badSignature();
    }
    if (trigger.type.toLowerCase() !== 'request')
      throw webhookErrors.notRequestTrigger(trigger.name, trigger.type);
    if (workflow.state !== 'Enabled') throw webhookErrors.disabled(workflow.name);
    const expectedMethod = (trigger.inputs as { method?: unknown } | undefined)?.method;
    if (typeof expectedMethod === 'string' && expectedMethod.toUpperCase() !== call.method.toUpperCase()) {
      throw webhookErrors.wrongMethod(expectedMethod.toUpperCase(), call.method.toUpperCase());
    }

    const runId = randomUUID();
    const queries = Object.fromEntries(Object.entries(call.queries).filter(([k]) => !SIGNATURE_QUERY.has(k)));
    const event: TriggerFired = {
      runId,
      workflowId: workflow.workflowId,
      workflowVersion: workflow.version,
      triggerName: trigger.name,
      firedAt: new Date().toISOString(),
      method: call.method.toUpperCase(),
      outputs: { headers: call.headers, queries, body: call.body },
      awaitsResponse: workflow.hasResponseAction,
    };
    const clientTrackingId = call.headers['x-ms-client-tracking-id'];
    if (clientTrackingId !== undefined) event.clientTrackingId = clientTrackingId;

    return withLogFields({ runId, workflowId: workflow.workflowId }, async () => {
      const answer = workflow.hasResponseAction
        ? this.waiter.wait(runId, this.config.PATCHBAY_RESPONSE_TIMEOUT_MS)
        : undefined;
      try {
        await this.publisher.publish(Topics.triggerFired, event, { key: runId, id: runId });
      } catch {
        this.waiter.cancel(runId);
        throw webhookErrors.unavailable();
      }
      if (answer === undefined) return { kind: 'accepted', runId } as const;
      const response = await answer;
      if (response === undefined) throw webhookErrors.responseTimeout(runId);
      return { kind: 'response', runId, response } as const;
    });
  }
}
