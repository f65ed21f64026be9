import { Controller, HttpCode, Param, Post, Query } from '@nestjs/common';
import { parseConnectionName, parseNamespace } from '../connections/connection-input.js';
import { ConnectionTestService, type ConnectionTestView } from './connection-test.service.js';

/** `POST /api/connections/:name/test`: runs the connector's connection test; the status records the outcome. */
@Controller('api/connections')
export class ConnectionTestController {
  constructor(private readonly tests: ConnectionTestService) {}

  /** 200 with `{ outcome, code, message, connectorVersion, durationMs, testedAt, connection }` (a failed test is an answer). */
  @Post(':name/test')
  @HttpCode(200)
  test(@Query() query: unknown, @Param('name') name: string): Promise<ConnectionTestView> {
    return this.tests.test(parseNamespace(query), parseConnectionName(name));
  }
}
