import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller.js';
import { PolicyService } from './policy.service.js';

/** Connector policies and their admin REST API. The database module is global to the app. */
@Module({
  controllers: [PoliciesController],
  providers: [PolicyService],
  exports: [PolicyService],
})
export class PoliciesModule {}
