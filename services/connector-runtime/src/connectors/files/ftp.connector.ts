import type { ConnectorDeclaration } from '@patchbay/connector-sdk';
import { fileConnector } from './file-connector.js';
import { openFtp } from './ftp-files.js';

/** Built-in FTP connector (`/serviceProviders/Ftp`): plain FTP or FTPS (explicit or implicit TLS). */
export function ftpConnector(timeoutMs: number): ConnectorDeclaration {
  return fileConnector({
    id: 'ftp',
    serviceProviderId: '/serviceProviders/Ftp',
    name: 'FTP',
    description:
      'List, read, write and delete files on an FTP or FTPS server; trigger on new or changed files.',
    connectionParameters: [
      { name: 'host', type: 'string', secret: false, required: true, displayName: 'Server address' },
      { name: 'port', type: 'int', secret: false, required: false, displayName: 'Port', default: 21 },
      { name: 'username', type: 'string', secret: false, required: false, displayName: 'User name' },
      { name: 'password', type: 'string', secret: true, required: false, displayName: 'Password' },
      {
        name: 'secure',
        type: 'string',
        secret: false,
        required: false,
        displayName: 'TLS',
        allowedValues: ['none', 'explicit', 'implicit'],
        default: 'none',
      },
    ],
    authTypes: [
      { type: 'basic', displayName: 'User and password' },
      { type: 'none', displayName: 'Anonymous' },
    ],
    timeoutMs,
    open: openFtp,
  });
}
