import type { z } from 'zod';
import { Topics, type TopicName } from '../topics.js';
import { ContractViolationError } from '../errors.js';
import { actionCompletedSchema } from './action-completed.event.js';
import { actionCallbackSchema } from './action-callback.event.js';
import { actionRequestedSchema } from './action-requested.event.js';
import { deadLetterSchema } from './dead-letter.event.js';
import { runEventSchema } from './run-event.event.js';
import { runResponseSchema } from './run-response.event.js';
import { triggerFiredSchema } from './trigger-fired.event.js';
import { workflowChangedSchema } from './workflow-changed.event.js';
import { connectionChangedSchema } from './connection-changed.event.js';
import { triggerPollCompletedSchema, triggerPollRequestedSchema } from './trigger-poll.event.js';
import {
  triggerSubscriptionCompletedSchema,
  triggerSubscriptionRequestedSchema,
} from './trigger-subscription.event.js';

/** One schema and one CloudEvents type per topic: producers and consumers both validate through this table. */
export const EventCatalog = {
  [Topics.triggerFired]: { type: 'dev.patchbay.trigger.fired.v1', schema: triggerFiredSchema },
  [Topics.actionRequested]: { type: 'dev.patchbay.action.requested.v1', schema: actionRequestedSchema },
  [Topics.actionCompleted]: { type: 'dev.patchbay.action.completed.v1', schema: actionCompletedSchema },
  [Topics.actionCallback]: { type: 'dev.patchbay.action.callback.v1', schema: actionCallbackSchema },
  [Topics.runResponse]: { type: 'dev.patchbay.run.response.v1', schema: runResponseSchema },
  [Topics.runEvent]: { type: 'dev.patchbay.run.event.v1', schema: runEventSchema },
  [Topics.workflowChanged]: { type: 'dev.patchbay.workflow.changed.v1', schema: workflowChangedSchema },
  [Topics.connectionChanged]: {
    type: 'dev.patchbay.connection.changed.v1',
    schema: connectionChangedSchema,
  },
  [Topics.triggerPollRequested]: {
    type: 'dev.patchbay.trigger.poll.requested.v1',
    schema: triggerPollRequestedSchema,
  },
  [Topics.triggerPollCompleted]: {
    type: 'dev.patchbay.trigger.poll.completed.v1',
    schema: triggerPollCompletedSchema,
  },
  [Topics.triggerSubscriptionRequested]: {
    type: 'dev.patchbay.trigger.subscription.requested.v1',
    schema: triggerSubscriptionRequestedSchema,
  },
  [Topics.triggerSubscriptionCompleted]: {
    type: 'dev.patchbay.trigger.subscription.completed.v1',
    schema: triggerSubscriptionCompletedSchema,
  },
  [Topics.deadLetter]: { type: 'dev.patchbay.deadletter.v1', schema: deadLetterSchema },
} as const satisfies Record<TopicName, { type: string; schema: z.ZodType }>;

/** The data type carried on a topic. */
export type EventData<T extends TopicName> = z.infer<(typeof EventCatalog)[T]['schema']>;

/**
 * Validates event data for a topic. Throws ContractViolationError listing every problem with its path,
 * e.g. `runId: Invalid UUID; outputs.headers.x: expected string`.
 */
export function parseEventData<T extends TopicName>(topic: T, data: unknown): EventData<T> {
  const entry = EventCatalog[topic];
  const result = entry.schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ContractViolationError(`${topic} data does not match its schema: ${problems.join('; ')}`);
  }
  return result.data as EventData<T>;
}

/** Checks that a CloudEvent's type is the one its topic carries. */
export function assertEventType(topic: TopicName, type: string): void {
  const expected = EventCatalog[topic].type;
  if (type !== expected) {
    throw new ContractViolationError(`header ce_type: expected '${expected}' on ${topic}, found '${type}'`);
  }
}
