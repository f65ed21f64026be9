/**
 * Documented limits the validator enforces (Logic Apps limits page; where Consumption and Standard
 * differ the more generous value is used so that either kind of definition validates).
 */
export const LIMITS = {
  actionsPerWorkflow: 500,
  nestingDepth: 8,
  nameLength: 80,
  triggersPerWorkflow: 10,
  parametersPerWorkflow: 500,
  outputsPerWorkflow: 10,
  switchCases: 25,
  foreachConcurrency: { min: 1, max: 50, default: 20 },
  untilCount: { min: 1, max: 5000, default: 60 },
  /** ISO 8601, the Until default timeout. */
  untilTimeoutDefault: 'PT1H',
  retryCount: { min: 1, max: 90 },
  /** Retry intervals: Standard stateless allows PT1S, every kind caps at one day. */
  retryIntervalMs: { min: 1_000, max: 86_400_000 },
  triggerConcurrency: { min: 1, max: 100 },
  maximumWaitingRuns: { min: 1, max: 200 },
  expressionLength: 8192,
  recurrenceInterval: {
    month: 16,
    week: 71,
    day: 500,
    hour: 12_000,
    minute: 72_000,
    second: 9_999_999,
  } as Record<string, number>,
} as const;
