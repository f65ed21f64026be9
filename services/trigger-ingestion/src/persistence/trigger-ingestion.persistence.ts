import { Schedules1764180000000 } from './migrations/1764180000000-schedules.js';
import { Polls1764300000000 } from './migrations/1764300000000-polls.js';
import { KafkaBatches1764300000001 } from './migrations/1764300000001-kafka-batches.js';
import { RunGate1764300000002 } from './migrations/1764300000002-run-gate.js';
import { WebhookSubscriptions1764400000001 } from './migrations/1764400000001-webhook-subscriptions.js';

export const TRIGGER_INGESTION_SCHEMA = 'trigger_ingestion';
export const TRIGGER_INGESTION_MIGRATIONS = [
  Schedules1764180000000,
  Polls1764300000000,
  KafkaBatches1764300000001,
  RunGate1764300000002,
  WebhookSubscriptions1764400000001,
];
