import { Module } from '@nestjs/common';
import { WorkloadCredentials } from './workload-credentials.service.js';

/** Vault-issued credentials of workload-identity connections (the Vault module is global). */
@Module({
  providers: [WorkloadCredentials],
  exports: [WorkloadCredentials],
})
export class WorkloadIdentityModule {}
