import { Module } from '@nestjs/common';
import { ConnectorsModule } from '../connectors/connectors.module.js';
import { EgressModule } from '../egress/egress.module.js';
import { CustomConnectorsController } from './custom-connectors.controller.js';
import { CustomConnectorsService } from './custom-connectors.service.js';
import { DefinitionFetcher } from './definition-fetcher.js';

/** The REST admin API of custom connectors (`/api/connectors`). */
@Module({
  imports: [ConnectorsModule, EgressModule],
  controllers: [CustomConnectorsController],
  providers: [CustomConnectorsService, DefinitionFetcher],
})
export class CustomConnectorsModule {}
