/**
 * Every Kafka topic Patchbay uses, declared once. Names follow `patchbay.<entity>.<event>.v<N>`.
 * Run-scoped topics are keyed by run id so that all events of one run stay in order on one partition.
 */
export const Topics = {
  /** trigger-ingestion -> orchestrator: a trigger fired and a run must start. Key: run id. */
  triggerFired: 'patchbay.trigger.fired.v1',
  /** orchestrator -> connector-runtime: execute one connector operation. Key: run id. */
  actionRequested: 'patchbay.action.requested.v1',
  /** connector-runtime -> orchestrator: a connector operation finished. Key: run id. */
  actionCompleted: 'patchbay.action.completed.v1',
  /** trigger-ingestion -> orchestrator: a webhook action's callback URL was called. Key: run id. */
  actionCallback: 'patchbay.action.callback.v1',
  /** orchestrator -> trigger-ingestion: a Response action produced the answer for a waiting caller. Key: run id. */
  runResponse: 'patchbay.run.response.v1',
  /** orchestrator -> anyone: run history events (run and action status changes). Key: run id. */
  runEvent: 'patchbay.run.event.v1',
  /**
   * orchestrator -> trigger-ingestion: the triggers of a workflow version that is now current (or the workflow was
   * disabled or deleted). Compacted, keyed by workflow id: the latest record per workflow is its trigger state.
   */
  workflowChanged: 'patchbay.workflow.changed.v1',
  /** connection-store -> anyone: a connection's status changed (e.g. needs reconnecting). Key: connection id. */
  connectionChanged: 'patchbay.connection.changed.v1',
  /**
   * trigger-ingestion -> connector-runtime: run one poll of a polling trigger. Key: `<workflowId>/<trigger>`.
   */
  triggerPollRequested: 'patchbay.trigger.poll.requested.v1',
  /** connector-runtime -> trigger-ingestion: the items and next cursor of one poll. Key: `<workflowId>/<trigger>`. */
  triggerPollCompleted: 'patchbay.trigger.poll.completed.v1',
  /**
   * trigger-ingestion -> connector-runtime: subscribe or unsubscribe a webhook trigger (HttpWebhook,
   * ApiConnectionWebhook). Key: `<workflowId>/<trigger>`.
   */
  triggerSubscriptionRequested: 'patchbay.trigger.subscription.requested.v1',
  /** connector-runtime -> trigger-ingestion: the outcome of one subscribe or unsubscribe. Key: `<workflowId>/<trigger>`. */
  triggerSubscriptionCompleted: 'patchbay.trigger.subscription.completed.v1',
  /** Any consumer -> operators: messages that failed their schema or could not be handled. Key: original key. */
  deadLetter: 'patchbay.deadletter.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);
