import { Module } from '@nestjs/common';
import { CONNECTORS, type Connector } from '../execution/connector.js';
import { HttpConnector } from './http/http.connector.js';

/** The built-in connectors, one per action type. */
@Module({
  providers: [
    HttpConnector,
    {
      provide: CONNECTORS,
      inject: [HttpConnector],
      useFactory: (http: HttpConnector): Connector[] => [http],
    },
  ],
  exports: [CONNECTORS],
})
export class ConnectorsModule {}
