import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { ConnectorsModule } from '../connectors/connectors.module.js';
import { EgressModule } from '../egress/egress.module.js';
import { PollExecutor } from './poll-executor.service.js';
import { TriggerPollHandler } from './trigger-poll.handler.js';

/** Polls of polling triggers on behalf of trigger-ingestion (which keeps their schedule, cursor and dedup). */
@Module({
  imports: [ConnectorsModule, ConnectionsModule, EgressModule],
  controllers: [TriggerPollHandler],
  providers: [PollExecutor],
})
export class PollingModule {}
