import { posix } from 'node:path';
import { ConnectorError, ConnectorErrorCode } from '@patchbay/connector-sdk';

/** One entry of a remote folder, as the file connectors answer it (Logic Apps' blob/file metadata shape). */
export interface FileEntry {
  name: string;
  /** Absolute path on the server (`/in/a.csv`). */
  path: string;
  size: number;
  /** ISO time; absent when the server does not say. */
  lastModified?: string;
  isFolder: boolean;
}

/**
 * What the FTP and SFTP connectors need from a server session. Implementations connect to the address egress
 * allowed, close on `close()`, and throw `RemoteFileError`s (or ConnectorErrors) for expected failures.
 */
export interface RemoteFiles {
  list(folderPath: string): Promise<FileEntry[]>;
  stat(filePath: string): Promise<FileEntry | undefined>;
  read(filePath: string, maxBytes: number): Promise<Buffer>;
  write(filePath: string, content: Buffer): Promise<void>;
  delete(filePath: string): Promise<void>;
  close(): Promise<void>;
}

/** Error codes of file operations (in `action.completed.error.code`). */
export const FileErrorCode = {
  FileNotFound: 'FileNotFound',
  FileAlreadyExists: 'FileAlreadyExists',
  FileTooLarge: 'FileTooLarge',
} as const;

/** `a/b/../c` -> `/a/c`; the root folder of the connection (if any) is prefixed by the session, not here. */
export function normalizePath(value: string): string {
  const normalized = posix.normalize(`/${value.replace(/\\/g, '/')}`);
  return normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized;
}

/** A file's content as WDL sees it: text when it is valid UTF-8, else the `{ $content-type, $content }` envelope. */
export function contentValue(bytes: Buffer): string | { $content: string; '$content-type': string } {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { '$content-type': 'application/octet-stream', $content: bytes.toString('base64') };
  }
}

/** Content given to createFile/updateFile: a string (UTF-8) or the base64 envelope. */
export function contentBytes(value: unknown): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  const envelope = value as { $content?: unknown };
  if (typeof envelope.$content === 'string') return Buffer.from(envelope.$content, 'base64');
  throw new ConnectorError(
    ConnectorErrorCode.InvalidInputs,
    '/content must be a string or { "$content-type", "$content" (base64) }',
    false,
  );
}

export function notFound(path: string): ConnectorError {
  return new ConnectorError(FileErrorCode.FileNotFound, `${path} does not exist`, false);
}
