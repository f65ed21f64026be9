import { Module } from '@nestjs/common';
import { ConnectionReaper } from './connection-reaper.service.js';
import { ConnectionService } from './connection.service.js';
import { ConnectionsController } from './connections.controller.js';

/** Connection lifecycle and its admin REST API. Database and Vault modules are global to the app. */
@Module({
  controllers: [ConnectionsController],
  providers: [ConnectionService, ConnectionReaper],
  exports: [ConnectionService],
})
export class ConnectionsModule {}
