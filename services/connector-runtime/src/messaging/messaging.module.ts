import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher } from '@patchbay/platform';
import { ExecutionModule } from '../execution/execution.module.js';
import { ActionRequestedHandler } from './action-requested.handler.js';

/** Closes the publisher at shutdown. */
@Injectable()
class PublisherLifecycle implements OnApplicationShutdown {
  constructor(private readonly publisher: EventPublisher) {}

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
  }
}

/** The Kafka edge: the action.requested handler and the publisher of action.completed. */
@Module({
  imports: [ExecutionModule],
  controllers: [ActionRequestedHandler],
  providers: [PublisherLifecycle],
})
export class MessagingModule {}
