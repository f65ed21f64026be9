import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { ConnectionReaper } from './connection-reaper.service.js';
import { ConnectionService } from './connection.service.js';
import { ConnectionsController } from './connections.controller.js';
import { SecretReplacement } from './secret-replacement.service.js';

/** Connection lifecycle and its admin REST API. Database and Vault modules are global to the app. */
@Module({
  imports: [PoliciesModule, CatalogModule],
  controllers: [ConnectionsController],
  providers: [ConnectionService, ConnectionReaper, SecretReplacement],
  exports: [ConnectionService, SecretReplacement],
})
export class ConnectionsModule {}
