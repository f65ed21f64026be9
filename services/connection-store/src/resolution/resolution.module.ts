import { Module } from '@nestjs/common';
import { ConnectionResolutionService } from './connection-resolution.service.js';

/** ResolveConnection: linked-access check, Vault read, audit. The database and Vault modules are global. */
@Module({
  providers: [ConnectionResolutionService],
  exports: [ConnectionResolutionService],
})
export class ResolutionModule {}
