import { Module } from '@nestjs/common';
import { ExecutionModule } from '../execution/execution.module.js';
import { TriggerSubscriptionExecutor } from './trigger-subscription.executor.js';
import { TriggerSubscriptionHandler } from './trigger-subscription.handler.js';

/** Subscribe and unsubscribe calls of webhook triggers on behalf of trigger-ingestion (which keeps their state). */
@Module({
  imports: [ExecutionModule],
  controllers: [TriggerSubscriptionHandler],
  providers: [TriggerSubscriptionExecutor],
})
export class SubscriptionsModule {}
