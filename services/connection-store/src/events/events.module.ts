import { Module } from '@nestjs/common';
import { ConnectionEventsRelay } from './connection-events.relay.js';

/** Publishes the outbox of connection events to Kafka. */
@Module({
  providers: [ConnectionEventsRelay],
  exports: [ConnectionEventsRelay],
})
export class EventsModule {}
