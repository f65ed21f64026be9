import { Injectable } from '@nestjs/common';
import type {
  ActionRequested,
  TriggerSubscriptionCompleted,
  TriggerSubscriptionRequested,
} from '@patchbay/contracts';
import { ActionExecutor } from '../execution/action-executor.service.js';

/**
 * Runs one subscribe or unsubscribe of a webhook trigger for trigger-ingestion. A webhook trigger's two calls
 * are the same as a webhook action's two attempts (`HttpWebhook` through the `http` connector,
 * `ApiConnectionWebhook` through the custom connector's `x-ms-notification-url` operation), so the request is
 * run as that attempt: the connection resolves for the workflow, egress rules, budgets and timeouts apply alike.
 */
@Injectable()
export class TriggerSubscriptionExecutor {
  constructor(private readonly actions: ActionExecutor) {}

  async run(request: TriggerSubscriptionRequested): Promise<TriggerSubscriptionCompleted> {
    const attempt: ActionRequested = {
      // No run exists yet: the attempt is named by the request, which is unique per attempt.
      runId: request.requestId,
      workflowId: request.workflowId,
      actionName: request.triggerName,
      attemptId: request.requestId,
      // The same key for every retry of one subscription's subscribe (or unsubscribe).
      idempotencyKey: `${request.subscriptionId}/${request.operation}`,
      actionType: request.triggerType,
      inputs: request.inputs,
      ...(request.connectionName === undefined ? {} : { connectionName: request.connectionName }),
      deadline: request.deadline,
      operation: request.operation,
      callbackUrl: request.callbackUrl,
      ...(request.subscription === undefined ? {} : { subscription: request.subscription }),
      requestedAt: request.requestedAt,
    };
    const completed = await this.actions.execute(attempt);
    const status = completed.status === 'Succeeded' ? 'Succeeded' : 'Failed';
    return {
      requestId: request.requestId,
      subscriptionId: request.subscriptionId,
      workflowId: request.workflowId,
      triggerName: request.triggerName,
      operation: request.operation,
      status,
      ...(completed.outputs === undefined ? {} : { outputs: completed.outputs }),
      ...(completed.error === undefined
        ? status === 'Failed'
          ? { error: { code: 'ActionTimedOut', message: 'the call timed out', retryable: true } }
          : {}
        : { error: completed.error }),
      startedAt: completed.startedAt,
      endedAt: completed.endedAt,
    };
  }
}
