import type { ConnectorDeclaration } from '@patchbay/connector-sdk';
import { fileConnector } from './file-connector.js';
import { openSftp } from './sftp-files.js';

/** Built-in SFTP connector (`/serviceProviders/Sftp`), the server's host key pinned by fingerprint. */
export function sftpConnector(timeoutMs: number): ConnectorDeclaration {
  return fileConnector({
    id: 'sftp',
    serviceProviderId: '/serviceProviders/Sftp',
    name: 'SFTP',
    description: 'List, read, write and delete files over SSH; trigger on new or changed files.',
    connectionParameters: [
      { name: 'host', type: 'string', secret: false, required: true, displayName: 'Host name' },
      { name: 'port', type: 'int', secret: false, required: false, displayName: 'Port', default: 22 },
      { name: 'username', type: 'string', secret: false, required: true, displayName: 'User name' },
      { name: 'password', type: 'string', secret: true, required: false, displayName: 'Password' },
      { name: 'privateKey', type: 'string', secret: true, required: false, displayName: 'SSH private key' },
      { name: 'passphrase', type: 'string', secret: true, required: false, displayName: 'Key passphrase' },
      {
        name: 'hostKeySha256',
        type: 'string',
        secret: false,
        required: false,
        displayName: 'Host key fingerprint (SHA256:...)',
      },
      {
        name: 'acceptAnyHostKey',
        type: 'bool',
        secret: false,
        required: false,
        displayName: 'Accept any host key (unsafe)',
        default: false,
      },
    ],
    authTypes: [{ type: 'basic', displayName: 'User and password or key' }],
    timeoutMs,
    open: openSftp,
  });
}
