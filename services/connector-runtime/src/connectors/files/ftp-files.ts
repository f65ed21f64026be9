import { posix } from 'node:path';
import { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { Client, FTPError, type FileInfo } from 'basic-ftp';
import { ConnectorError, ConnectorErrorCode, type OperationContext } from '@patchbay/connector-sdk';
import { portParameter, requireConnection, requiredText, textParameter } from './connection-values.js';
import { FileErrorCode, notFound, type FileEntry, type RemoteFiles } from './remote-files.js';

/** The reply codes of a missing file or folder (550) and of refused credentials (530). */
const NOT_FOUND = 550;
const NOT_LOGGED_IN = 530;

class TooLarge extends Error {}

function ftpFailure(error: unknown, context: OperationContext, what: string): Error {
  if (error instanceof ConnectorError) return error;
  if (context.signal.aborted)
    return new ConnectorError(ConnectorErrorCode.TimedOut, `FTP ${what} ran out of time`, true);
  if (error instanceof FTPError) {
    if (error.code === NOT_LOGGED_IN) {
      context.credentialsRejected();
      return new ConnectorError(
        ConnectorErrorCode.ConnectionUnusable,
        `the FTP server refused the credentials (${error.code})`,
        false,
      );
    }
    return new ConnectorError(
      'FtpCommandFailed',
      `FTP ${what}: ${error.code} ${error.message}`,
      error.code < 500,
    );
  }
  return new ConnectorError(
    ConnectorErrorCode.TargetUnreachable,
    `FTP ${what}: ${(error as Error).message}`,
    true,
  );
}

/**
 * An FTP session (basic-ftp): the control connection goes to the address egress allowed, and data connections
 * go to the same host whatever address PASV names (`allowSeparateTransferHost: false`). FTPS explicit
 * (`secure: true`) or implicit verifies the certificate for the host name asked for.
 */
class FtpFiles implements RemoteFiles {
  constructor(
    private readonly client: Client,
    private readonly context: OperationContext,
  ) {}

  private async run<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw ftpFailure(error, this.context, what);
    }
  }

  private async entry(folder: string, info: FileInfo): Promise<FileEntry> {
    const path = posix.join(folder, info.name);
    let modified = info.modifiedAt;
    if (modified === undefined && !info.isDirectory)
      modified = await this.client.lastMod(path).catch(() => undefined);
    return {
      name: info.name,
      path,
      size: info.size,
      ...(modified === undefined || Number.isNaN(modified.getTime())
        ? {}
        : { lastModified: modified.toISOString() }),
      isFolder: info.isDirectory,
    };
  }

  /** Servers answer a LIST of a missing folder with 450, 451 or 550: CWD tells whether it exists. */
  private async missingFolder(folderPath: string): Promise<boolean> {
    try {
      await this.client.cd(folderPath);
      return false;
    } catch (error) {
      if (error instanceof FTPError) return true;
      throw error;
    }
  }

  list(folderPath: string): Promise<FileEntry[]> {
    return this.run(`list ${folderPath}`, async () => {
      let infos: FileInfo[];
      try {
        infos = await this.client.list(folderPath);
      } catch (error) {
        if (error instanceof FTPError && (await this.missingFolder(folderPath))) throw notFound(folderPath);
        throw error;
      }
      const entries: FileEntry[] = [];
      for (const info of infos)
        if (info.name !== '.' && info.name !== '..') entries.push(await this.entry(folderPath, info));
      return entries;
    });
  }

  stat(filePath: string): Promise<FileEntry | undefined> {
    return this.run(`stat ${filePath}`, async () => {
      if (filePath === '/') return { name: '', path: '/', size: 0, isFolder: true };
      const folder = posix.dirname(filePath);
      let infos: FileInfo[];
      try {
        infos = await this.client.list(folder);
      } catch (error) {
        if (error instanceof FTPError && (await this.missingFolder(folder))) return undefined;
        throw error;
      }
      const info = infos.find((i) => i.name === posix.basename(filePath));
      return info === undefined ? undefined : this.entry(folder, info);
    });
  }

  read(filePath: string, maxBytes: number): Promise<Buffer> {
    return this.run(`get ${filePath}`, async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) done(new TooLarge());
          else {
            chunks.push(chunk);
            done();
          }
        },
      });
      try {
        await this.client.downloadTo(sink, filePath);
      } catch (error) {
        if (size > maxBytes)
          throw new ConnectorError(
            FileErrorCode.FileTooLarge,
            `${filePath} is larger than ${maxBytes} bytes`,
            false,
          );
        if (error instanceof FTPError && error.code === NOT_FOUND) throw notFound(filePath);
        throw error;
      }
      return Buffer.concat(chunks);
    });
  }

  write(filePath: string, content: Buffer): Promise<void> {
    return this.run(`put ${filePath}`, async () => {
      await this.client.uploadFrom(Readable.from([content]), filePath);
    });
  }

  delete(filePath: string): Promise<void> {
    return this.run(`delete ${filePath}`, async () => {
      try {
        await this.client.remove(filePath);
      } catch (error) {
        if (error instanceof FTPError && error.code === NOT_FOUND) throw notFound(filePath);
        throw error;
      }
    });
  }

  close(): Promise<void> {
    this.client.close();
    return Promise.resolve();
  }
}

/** Connects and logs in with the context's connection (`host`, `port` 21, `username`, secret `password`, `secure`). */
export async function openFtp(context: OperationContext): Promise<RemoteFiles> {
  const connection = requireConnection(context, 'FTP');
  const host = requiredText(connection, 'FTP', 'host', 'serverAddress');
  const secureSetting = connection.parameters['secure'];
  const secure =
    secureSetting === 'implicit' ? 'implicit' : secureSetting === true || secureSetting === 'explicit';
  const port = portParameter(connection, secure === 'implicit' ? 990 : 21);
  const checked = await context.network.resolve(host, port);
  const budget = Math.max(1_000, Math.floor(context.deadline - Date.now()));
  const client = new Client(budget, { allowSeparateTransferHost: false });
  try {
    await client.access({
      host: checked.address,
      port,
      user: textParameter(connection, 'username', 'user') ?? 'anonymous',
      password: connection.secrets['password'] ?? '',
      secure,
      ...(secure === false ? {} : { secureOptions: { servername: host } }),
    });
  } catch (error) {
    client.close();
    throw ftpFailure(error, context, `login to ${host}:${port}`);
  }
  return new FtpFiles(client, context);
}
