import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { ConnectorError, ConnectorErrorCode, type OperationContext } from '@patchbay/connector-sdk';
import { portParameter, requireConnection, requiredText, textParameter } from './connection-values.js';
import { notFound, type FileEntry, type RemoteFiles } from './remote-files.js';

/** `SHA256:abc...` (as `ssh-keygen -lf` prints it) or the bare base64, without padding. */
function fingerprintOf(value: string): string {
  return value.replace(/^SHA256:/i, '').replace(/=+$/, '');
}

function sftpFailure(error: unknown, context: OperationContext, what: string): Error {
  if (error instanceof ConnectorError) return error;
  if (context.signal.aborted)
    return new ConnectorError(ConnectorErrorCode.TimedOut, `SFTP ${what} ran out of time`, true);
  const message = (error as Error).message ?? String(error);
  if (/All configured authentication methods failed/i.test(message)) {
    context.credentialsRejected();
    return new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      'the SFTP server refused the credentials',
      false,
    );
  }
  if (/host key|hostVerifier|Host denied/i.test(message))
    return new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      "the SFTP server's host key does not match the connection's hostKeySha256",
      false,
    );
  if (/ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|Timed out/i.test(message))
    return new ConnectorError(ConnectorErrorCode.TargetUnreachable, `SFTP ${what}: ${message}`, true);
  return new ConnectorError('SftpCommandFailed', `SFTP ${what}: ${message}`, false);
}

/** An SFTP session (ssh2-sftp-client over ssh2) on the address egress allowed, host key pinned. */
class SftpFiles implements RemoteFiles {
  constructor(
    private readonly client: SftpClient,
    private readonly context: OperationContext,
  ) {}

  private async run<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw sftpFailure(error, this.context, what);
    }
  }

  list(folderPath: string): Promise<FileEntry[]> {
    return this.run(`list ${folderPath}`, async () => {
      const kind = await this.client.exists(folderPath);
      if (kind !== 'd') throw notFound(folderPath);
      const infos = await this.client.list(folderPath);
      return infos
        .filter((i) => i.name !== '.' && i.name !== '..')
        .map((i) => ({
          name: i.name,
          path: posix.join(folderPath, i.name),
          size: i.size,
          lastModified: new Date(i.modifyTime).toISOString(),
          isFolder: i.type === 'd',
        }));
    });
  }

  stat(filePath: string): Promise<FileEntry | undefined> {
    return this.run(`stat ${filePath}`, async () => {
      if ((await this.client.exists(filePath)) === false) return undefined;
      const stats = await this.client.stat(filePath);
      return {
        name: posix.basename(filePath),
        path: filePath,
        size: stats.size,
        lastModified: new Date(stats.modifyTime).toISOString(),
        isFolder: stats.isDirectory,
      };
    });
  }

  read(filePath: string): Promise<Buffer> {
    return this.run(`get ${filePath}`, async () => (await this.client.get(filePath)) as Buffer);
  }

  write(filePath: string, content: Buffer): Promise<void> {
    return this.run(`put ${filePath}`, async () => {
      await this.client.put(content, filePath);
    });
  }

  delete(filePath: string): Promise<void> {
    return this.run(`delete ${filePath}`, async () => {
      await this.client.delete(filePath);
    });
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/**
 * Connects with the context's connection: `host`, `port` (22), `username`, secret `password` and/or
 * `privateKey` (+ `passphrase`), and the server's key pinned by `hostKeySha256` (`SHA256:...`), unless the
 * connection says `acceptAnyHostKey: true`.
 */
export async function openSftp(context: OperationContext): Promise<RemoteFiles> {
  const connection = requireConnection(context, 'SFTP');
  const host = requiredText(connection, 'SFTP', 'host', 'hostName');
  const username = requiredText(connection, 'SFTP', 'username', 'userName');
  const port = portParameter(connection, 22);
  const pinned = textParameter(connection, 'hostKeySha256', 'sshHostKeyFingerprint');
  const acceptAny = connection.parameters['acceptAnyHostKey'] === true;
  if (pinned === undefined && !acceptAny)
    throw new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      `SFTP connection '${connection.connectionName}' needs hostKeySha256 (the server key's SHA256 fingerprint) or acceptAnyHostKey: true`,
      false,
    );
  const password = connection.secrets['password'];
  const privateKey = connection.secrets['privateKey'];
  if (password === undefined && privateKey === undefined)
    throw new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      `SFTP connection '${connection.connectionName}' needs secret password or privateKey`,
      false,
    );
  const checked = await context.network.resolve(host, port);
  const budget = Math.max(1_000, Math.floor(context.deadline - Date.now()));
  const client = new SftpClient('patchbay');
  try {
    await client.connect({
      host: checked.address,
      port,
      username,
      ...(password === undefined ? {} : { password }),
      ...(privateKey === undefined ? {} : { privateKey }),
      ...(connection.secrets['passphrase'] === undefined
        ? {}
        : { passphrase: connection.secrets['passphrase'] }),
      readyTimeout: budget,
      hostVerifier: (key: Buffer) =>
        acceptAny && pinned === undefined
          ? true
          : fingerprintOf(createHash('sha256').update(key).digest('base64')) === fingerprintOf(pinned!),
    });
  } catch (error) {
    await client.end().catch(() => undefined);
    throw sftpFailure(error, context, `login to ${host}:${port}`);
  }
  return new SftpFiles(client, context);
}
