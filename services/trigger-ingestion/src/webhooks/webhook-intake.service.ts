import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  Topics,
  verifyCallback,
  type RunResponse,
  type TriggerFired,
  type TriggerSpec,
  type WorkflowChanged,
} from '@patchbay/contracts';
import { withLogFields, type OutgoingEvent } from '@patchbay/platform';
import { FiringGate } from '../concurrency/firing-gate.js';
import { hasOperationOption, requestTriggerResult } from '@patchbay/wdl';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { TriggerRegistry } from '../registry/trigger-registry.js';
import { ResponseWaiter } from '../responses/response-waiter.js';
import { TriggerSwitches } from '../lifecycle/trigger-switches.js';
import { splitResult, TriggerExpressionError } from '../firing/trigger-expressions.js';
import { BodySchemaValidator, UncompilableSchemaError } from './body-schema.validator.js';
import { callerAddress, inRanges, parseRange } from './caller-address.js';
import { isJsonContentType } from './body-parsers.js';
import { compileRelativePath } from './relative-path.js';
import { webhookErrors } from './webhook.errors.js';
import { isWebhookTrigger } from '../webhook-triggers/webhook-trigger.js';

export interface WebhookCall {
  workflowId: string;
  triggerName: string;
  method: string;
  /** The path after `/invoke` (empty when the caller added none). */
  relativePath: string;
  headers: Record<string, string>;
  queries: Record<string, string>;
  body: unknown;
  /** The TCP peer; the real caller is found from it and `X-Forwarded-For` through trusted proxies. */
  peerAddress: string;
  signature?: string;
  keyVersion?: string;
}

export type WebhookOutcome =
  { kind: 'accepted'; runIds: string[] } | { kind: 'response'; runId: string; response: RunResponse };

/** Query parameters that belong to the callback URL itself and are not passed to the run. */
const SIGNATURE_QUERY = new Set(['sig', 'sv', 'sp', 'api-version']);

interface RequestInputs {
  method?: unknown;
  relativePath?: unknown;
  schema?: unknown;
}

/**
 * Accepts a call to a Request trigger: checks it (signature, state, caller address, method, path, body schema),
 * records the trigger event(s) durably, and only then answers, either at once (202 with the run ids) or with
 * the Response action's answer. Every refusal happens before anything is published.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly schemas = new BodySchemaValidator();
  private readonly trustedProxies;

  constructor(
    private readonly registry: TriggerRegistry,
    private readonly gate: FiringGate,
    private readonly waiter: ResponseWaiter,
    private readonly switches: TriggerSwitches,
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
  ) {
    this.trustedProxies = config.PATCHBAY_TRUSTED_PROXIES.map(parseRange);
  }

  async accept(call: WebhookCall): Promise<WebhookOutcome> {
    // Unknown here may mean "deployed a moment ago": read the workflow changes already on Kafka before a 404.
    if (this.registry.trigger(call.workflowId, call.triggerName) === undefined)
      await this.registry.catchUp(2_000);
    const { workflow, trigger } = this.authenticate(call);
    // A webhook trigger's inputs say how to subscribe; its callback takes any method and body.
    const inputs = (isWebhookTrigger(trigger) ? {} : (trigger.inputs ?? {})) as RequestInputs;
    this.checkCaller(workflow, call);
    const expectedMethod = inputs.method;
    if (typeof expectedMethod === 'string' && expectedMethod.toUpperCase() !== call.method.toUpperCase()) {
      throw webhookErrors.wrongMethod(expectedMethod.toUpperCase(), call.method.toUpperCase());
    }
    const pathParameters = this.matchPath(inputs, call.relativePath);
    this.checkBody(workflow, trigger, inputs, call);

    const at = new Date().toISOString();
    const queries = Object.fromEntries(Object.entries(call.queries).filter(([k]) => !SIGNATURE_QUERY.has(k)));
    const result = requestTriggerResult({
      name: trigger.name,
      at,
      method: call.method.toUpperCase(),
      headers: call.headers,
      queries,
      body: call.body,
      ...(pathParameters === undefined ? {} : { relativePathParameters: pathParameters }),
    });
    let items;
    try {
      items = splitResult(trigger, result, at);
    } catch (error) {
      if (error instanceof TriggerExpressionError) throw webhookErrors.splitOnFailed(error.message);
      throw error;
    }
    const split = trigger.splitOn !== undefined;
    const awaitsResponse = workflow.hasResponseAction && !split;
    const events: OutgoingEvent<typeof Topics.triggerFired>[] = items.map((item) => {
      const runId = randomUUID();
      const event: TriggerFired = {
        runId,
        workflowId: workflow.workflowId,
        workflowVersion: workflow.version,
        triggerName: trigger.name,
        firedAt: at,
        method: call.method.toUpperCase(),
        outputs: {
          headers: call.headers,
          queries,
          ...(pathParameters === undefined ? {} : { relativePathParameters: pathParameters }),
          body: item.outputs?.body ?? null,
        },
        awaitsResponse,
      };
      const clientTrackingId = call.headers['x-ms-client-tracking-id'];
      if (clientTrackingId !== undefined) event.clientTrackingId = clientTrackingId;
      return { topic: Topics.triggerFired, data: event, options: { key: runId, id: runId } };
    });
    const runIds = events.map((e) => e.data.runId);
    if (runIds.length === 0) return { kind: 'accepted', runIds };

    return withLogFields({ runId: runIds[0], workflowId: workflow.workflowId }, async () => {
      const answer = awaitsResponse
        ? this.waiter.wait(runIds[0]!, this.config.PATCHBAY_RESPONSE_TIMEOUT_MS)
        : undefined;
      let refused: Set<string>;
      try {
        refused = await this.gate.fire(events);
      } catch {
        if (awaitsResponse) this.waiter.cancel(runIds[0]!);
        throw webhookErrors.unavailable();
      }
      if (refused.size > 0) {
        if (awaitsResponse) this.waiter.cancel(runIds[0]!);
        throw webhookErrors.tooManyWaitingRuns(trigger.name);
      }
      if (answer === undefined) return { kind: 'accepted', runIds } as const;
      const response = await answer;
      if (response === undefined) throw webhookErrors.responseTimeout(runIds[0]!);
      return { kind: 'response', runId: runIds[0]!, response } as const;
    });
  }

  private authenticate(call: WebhookCall): { workflow: WorkflowChanged; trigger: TriggerSpec } {
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
    if (trigger.type.toLowerCase() !== 'request' && !isWebhookTrigger(trigger))
      throw webhookErrors.notRequestTrigger(trigger.name, trigger.type);
    if (workflow.state !== 'Enabled') throw webhookErrors.disabled(workflow.name);
    if (!this.switches.isEnabled(workflow.workflowId, trigger.name))
      throw webhookErrors.triggerDisabled(trigger.name);
    return found;
  }

  private checkCaller(workflow: WorkflowChanged, call: WebhookCall): void {
    const allowed = workflow.accessControl?.triggers?.allowedCallerIpAddresses;
    if (allowed === undefined) return;
    let ranges;
    try {
      ranges = allowed.map((entry) => parseRange(entry.addressRange));
    } catch (error) {
      throw webhookErrors.badTriggerDefinition(
        'access control',
        `an allowed caller IP range is malformed (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const caller = callerAddress(call.peerAddress, call.headers['x-forwarded-for'], this.trustedProxies);
    if (!inRanges(caller, ranges)) throw webhookErrors.callerNotAllowed(workflow.name, caller);
  }

  private matchPath(inputs: RequestInputs, path: string): Record<string, string> | undefined {
    const template = typeof inputs.relativePath === 'string' ? inputs.relativePath : undefined;
    if (template === undefined) {
      if (path.replace(/\//g, '') !== '') throw webhookErrors.pathMismatch(path, undefined);
      return undefined;
    }
    const parameters = compileRelativePath(template).match(path);
    if (parameters === undefined) throw webhookErrors.pathMismatch(path, template);
    return parameters;
  }

  private checkBody(
    workflow: WorkflowChanged,
    trigger: TriggerSpec,
    inputs: RequestInputs,
    call: WebhookCall,
  ): void {
    // As in Logic Apps, the schema describes the body (for triggerBody() tokens) and is enforced only when the
    // trigger opts in with operationOptions EnableSchemaValidation: existing workflows whose callers send
    // bodies outside their schema keep running.
    if (!hasOperationOption(trigger.operationOptions, 'EnableSchemaValidation')) return;
    const schema = inputs.schema;
    if (schema === undefined || schema === null) return;
    if (typeof schema === 'object' && Object.keys(schema).length === 0) return;
    const contentType = call.headers['content-type'];
    if (call.body !== null && !isJsonContentType(contentType)) throw webhookErrors.notJson(contentType);
    let check;
    try {
      check = this.schemas.check(
        `${workflow.workflowId}:${workflow.version}:${trigger.name}`,
        schema,
        call.body,
      );
    } catch (error) {
      if (error instanceof UncompilableSchemaError)
        throw webhookErrors.badTriggerDefinition(trigger.name, `its schema is invalid (${error.message})`);
      throw error;
    }
    if (!check.ok) throw webhookErrors.schemaViolation(check.problems);
  }
}
