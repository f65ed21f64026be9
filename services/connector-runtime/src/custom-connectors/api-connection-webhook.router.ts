import type { ActionRequested } from '@patchbay/contracts';
import {
  InvalidInputsError,
  requireTrigger,
  RegisteredPushTrigger,
  type ActionResult,
  type JsonValue,
  type OperationContext,
} from '@patchbay/connector-sdk';
import type {
  ActionRouter,
  ResolvedConnectionData,
  RoutedOperation,
  RunnableOperation,
} from '../execution/connector.js';
import { resolveCustomOperation } from './api-connection.router.js';
import type { CustomConnectorCatalog } from './custom-connector.catalog.js';

/** One step of a push trigger as an attempt: `subscribe` answers the subscription as the body. */
class WebhookStep implements RunnableOperation {
  constructor(
    private readonly trigger: RegisteredPushTrigger,
    private readonly request: ActionRequested,
  ) {}

  get qualifiedName(): string {
    return `${this.trigger.qualifiedName}:${this.request.operation ?? ''}`;
  }

  async execute(context: OperationContext, inputs: unknown): Promise<ActionResult> {
    if (this.request.operation === 'subscribe') {
      const subscription = await this.trigger.subscribe(context, inputs, this.request.callbackUrl!);
      return { body: subscription };
    }
    // The orchestrator passes back the subscribe attempt's outputs; the subscription is their body.
    const outputs = this.request.subscription as { body?: JsonValue } | undefined;
    await this.trigger.unsubscribe(context, inputs, outputs?.body ?? null);
    return { body: null };
  }
}

/**
 * WDL `ApiConnectionWebhook` on a custom connector: the operation matched by method and path must be one of
 * its webhook (`x-ms-notification-url`) operations. `subscribe` writes `action.requested.callbackUrl` where the
 * definition says and answers the subscription (`{ location, statusCode }`); `unsubscribe` gets it back in
 * `subscription` and deletes it.
 */
export class ApiConnectionWebhookActionRouter implements ActionRouter {
  readonly actionType = 'ApiConnectionWebhook';

  constructor(private readonly catalog: CustomConnectorCatalog) {}

  async route(
    request: ActionRequested,
    connection: ResolvedConnectionData | undefined,
  ): Promise<RoutedOperation> {
    if (request.operation === undefined)
      throw new InvalidInputsError(this.actionType, [
        {
          path: '',
          message: 'runs as subscribe and unsubscribe: action.requested.operation must name one of them',
        },
      ]);
    if (request.operation === 'subscribe' && request.callbackUrl === undefined)
      throw new InvalidInputsError(this.actionType, [
        { path: '', message: 'subscribe needs action.requested.callbackUrl' },
      ]);
    const resolved = await resolveCustomOperation(this.catalog, this.actionType, request, connection);
    const trigger = requireTrigger(resolved.found.registered, resolved.operationId);
    if (!(trigger instanceof RegisteredPushTrigger))
      throw new InvalidInputsError(this.actionType, [
        { path: '/path', message: `${trigger.qualifiedName} is a polling operation, not a webhook` },
      ]);
    return {
      connector: resolved.found.registered,
      action: new WebhookStep(trigger, request),
      inputs: resolved.inputs,
      connection: resolved.connection,
    };
  }
}
