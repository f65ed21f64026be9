import { OutboxMessageEntity } from './outbox-message.entity.js';
import { RunActionEntity } from './run-action.entity.js';
import { RunTimerEntity } from './run-timer.entity.js';
import { RunEntity } from './run.entity.js';
import { WorkflowVersionEntity } from './workflow-version.entity.js';
import { WorkflowEntity } from './workflow.entity.js';
import { InitialSchema1764150000000 } from './migrations/1764150000000-initial-schema.js';
import { JsonKeepsKeyOrder1764180000000 } from './migrations/1764180000000-json-keeps-key-order.js';
import { RunActions1764190000000 } from './migrations/1764190000000-run-actions.js';
import { WorkflowAccessControl1764200000000 } from './migrations/1764200000000-workflow-access-control.js';
import { OutboxTraceparent1764210000000 } from './migrations/1764210000000-outbox-traceparent.js';
import { UnfinishedRunsByStart1764410000001 } from './migrations/1764410000001-unfinished-runs-by-start.js';

export const ORCHESTRATOR_SCHEMA = 'orchestrator';
export const ORCHESTRATOR_ENTITIES = [
  WorkflowEntity,
  WorkflowVersionEntity,
  RunEntity,
  RunTimerEntity,
  RunActionEntity,
  OutboxMessageEntity,
];
export const ORCHESTRATOR_MIGRATIONS = [
  InitialSchema1764150000000,
  JsonKeepsKeyOrder1764180000000,
  RunActions1764190000000,
  WorkflowAccessControl1764200000000,
  OutboxTraceparent1764210000000,
  UnfinishedRunsByStart1764410000001,
];
