import { Module } from '@nestjs/common';
import { OAuthModule } from '../oauth/oauth.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { WorkloadIdentityModule } from '../workload-identity/workload-identity.module.js';
import { ConnectionResolutionService } from './connection-resolution.service.js';

/** ResolveConnection: linked-access check, Vault read, audit. The database and Vault modules are global. */
@Module({
  imports: [PoliciesModule, OAuthModule, WorkloadIdentityModule],
  providers: [ConnectionResolutionService],
  exports: [ConnectionResolutionService],
})
export class ResolutionModule {}
