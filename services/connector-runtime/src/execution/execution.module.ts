import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { ConnectorsModule } from '../connectors/connectors.module.js';
import { EgressModule } from '../egress/egress.module.js';
import { ConnectionBudget } from '../budget/connection-budget.js';
import { ActionExecutor } from './action-executor.service.js';
import { ActionMetrics } from './action-metrics.js';

/** Dispatch of action attempts to connector operations. */
@Module({
  imports: [ConnectorsModule, ConnectionsModule, EgressModule],
  providers: [ActionExecutor, ActionMetrics, ConnectionBudget],
  exports: [ActionExecutor],
})
export class ExecutionModule {}
