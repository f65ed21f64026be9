import { Controller, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { CONNECTION_STORE_SERVICE } from '@patchbay/contracts';
import { parseConnectionName } from '../connections/connection-input.js';
import { ConnectionTestService } from '../connection-test/connection-test.service.js';
import { namespaceOf, toMessage, type ConnectionMessage } from './connection-message.js';
import { GrpcErrorFilter } from './grpc-error.filter.js';

/** `TestConnection` of `patchbay.connectionstore.v1.ConnectionStore`: the REST test, over gRPC. */
@Controller()
@UseFilters(GrpcErrorFilter)
export class ConnectionTestGrpcController {
  constructor(private readonly tests: ConnectionTestService) {}

  @GrpcMethod(CONNECTION_STORE_SERVICE, 'TestConnection')
  async testConnection(message: { namespace?: unknown; name?: unknown }): Promise<{
    outcome: string;
    code: string;
    message: string;
    connectorVersion: string;
    durationMs: number;
    testedAt: string;
    connection: ConnectionMessage;
  }> {
    const result = await this.tests.test(namespaceOf(message), parseConnectionName(message.name));
    return {
      outcome: result.outcome,
      code: result.code ?? '',
      message: result.message ?? '',
      connectorVersion: result.connectorVersion ?? '',
      durationMs: result.durationMs,
      testedAt: result.testedAt,
      connection: toMessage(result.connection),
    };
  }
}
