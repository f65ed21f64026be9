import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { OAuthModule } from '../oauth/oauth.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { WorkloadIdentityModule } from '../workload-identity/workload-identity.module.js';
import { ConnectionTestController } from './connection-test.controller.js';
import { ConnectionTestService } from './connection-test.service.js';

/** Connection tests (REST here, gRPC in GrpcApiModule). */
@Module({
  imports: [CatalogModule, ConnectionsModule, OAuthModule, PoliciesModule, WorkloadIdentityModule],
  controllers: [ConnectionTestController],
  providers: [ConnectionTestService],
  exports: [ConnectionTestService],
})
export class ConnectionTestModule {}
