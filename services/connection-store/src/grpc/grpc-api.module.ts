import { Module } from '@nestjs/common';
import { ConnectionTestModule } from '../connection-test/connection-test.module.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { ResolutionModule } from '../resolution/resolution.module.js';
import { ConnectionAdminGrpcController } from './connection-admin.grpc.controller.js';
import { ConnectionStoreGrpcController } from './connection-store.grpc.controller.js';
import { ConnectionTestGrpcController } from './connection-test.grpc.controller.js';
import { GrpcErrorFilter } from './grpc-error.filter.js';

/** The gRPC API (`patchbay.connectionstore.v1.ConnectionStore`), served on PATCHBAY_GRPC_PORT. */
@Module({
  imports: [ConnectionsModule, ResolutionModule, ConnectionTestModule],
  controllers: [ConnectionStoreGrpcController, ConnectionAdminGrpcController, ConnectionTestGrpcController],
  providers: [GrpcErrorFilter],
})
export class GrpcApiModule {}
