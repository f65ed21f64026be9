import {
  ConnectorError,
  defineAction,
  defineConnector,
  definePollingTrigger,
  type ConnectionParameterDeclaration,
  type ConnectorDeclaration,
  type JsonSchema,
  type OperationContext,
} from '@patchbay/connector-sdk';
import {
  contentBytes,
  contentValue,
  FileErrorCode,
  normalizePath,
  notFound,
  type FileEntry,
  type RemoteFiles,
} from './remote-files.js';

/** Largest file a get or a trigger with content returns: outputs travel in Kafka (~1 MiB cap). */
export const MAX_CONTENT_BYTES = 700 * 1024;

const path: JsonSchema = { type: 'string', minLength: 1, maxLength: 4_096 };

/** Inputs of an operation: these properties, these required, nothing else. */
function closedObject(required: string[], properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', required, additionalProperties: false, properties };
}
const content: JsonSchema = {
  oneOf: [
    { type: 'string' },
    {
      type: 'object',
      required: ['$content'],
      properties: {
        $content: { type: 'string', contentEncoding: 'base64' },
        '$content-type': { type: 'string' },
      },
    },
  ],
};

interface FolderInputs {
  folderPath: string;
}
interface FileInputs {
  filePath: string;
}
interface CreateInputs extends FileInputs {
  content: unknown;
  overwrite: boolean;
}
interface UpdateInputs extends FileInputs {
  content: unknown;
}
interface PollInputs extends FolderInputs {
  includeFileContent: boolean;
  maxFileCount: number;
  startFrom: 'now' | 'beginning';
}

/**
 * Where the trigger stands: the newest modification time seen and the names modified at that very time (a
 * second file with the same time still fires once). Files are compared by time, so a file rewritten with a
 * newer time fires again.
 */
type FileCursor = {
  since: number;
  names: string[];
};

export interface FileConnectorSpec {
  id: string;
  serviceProviderId: string;
  name: string;
  description: string;
  connectionParameters: ConnectionParameterDeclaration[];
  authTypes: ConnectorDeclaration['authTypes'];
  timeoutMs: number;
  /** Opens a session with the connection of the context (egress-checked). */
  open(context: OperationContext): Promise<RemoteFiles>;
}

async function withFiles<T>(
  spec: FileConnectorSpec,
  context: OperationContext,
  work: (files: RemoteFiles) => Promise<T>,
): Promise<T> {
  const files = await spec.open(context);
  const abort = () => void files.close().catch(() => undefined);
  context.signal.addEventListener('abort', abort, { once: true });
  try {
    return await work(files);
  } finally {
    context.signal.removeEventListener('abort', abort);
    await files.close().catch(() => undefined);
  }
}

function modifiedMs(entry: FileEntry): number {
  return entry.lastModified === undefined ? 0 : Date.parse(entry.lastModified);
}

async function readWithin(files: RemoteFiles, entry: FileEntry): Promise<Buffer> {
  if (entry.size > MAX_CONTENT_BYTES)
    throw new ConnectorError(
      FileErrorCode.FileTooLarge,
      `${entry.path} has ${entry.size} bytes; at most ${MAX_CONTENT_BYTES} travel in a run`,
      false,
    );
  return files.read(entry.path, MAX_CONTENT_BYTES);
}

/**
 * The operations FTP and SFTP share, with Logic Apps Standard's operation ids: `listFolder`, `getFileMetadata`,
 * `getFileContent`, `createFile`, `updateFile`, `deleteFile`, and the polling trigger `whenFileIsAddedOrModified`
 * (`folderPath`, `includeFileContent`), one item per file.
 */
export function fileConnector(spec: FileConnectorSpec): ConnectorDeclaration {
  const files = <T>(context: OperationContext, work: (f: RemoteFiles) => Promise<T>) =>
    withFiles(spec, context, work);
  return defineConnector({
    id: spec.id,
    version: '1.0.0',
    kind: 'builtin',
    display: { name: spec.name, description: spec.description, category: 'Files' },
    serviceProviderId: spec.serviceProviderId,
    connection: 'required',
    connectionParameters: spec.connectionParameters,
    authTypes: spec.authTypes,
    timeoutMs: spec.timeoutMs,
    async testConnection(context) {
      await files(context, (f) => f.list('/'));
    },
    actions: [
      defineAction<FolderInputs, FileEntry[]>({
        kind: 'action',
        id: 'listFolder',
        display: { summary: 'List files in a folder' },
        inputSchema: closedObject(['folderPath'], { folderPath: path }),
        async execute(context, inputs) {
          return { body: await files(context, (f) => f.list(normalizePath(inputs.folderPath))) };
        },
      }),
      defineAction<FileInputs, FileEntry>({
        kind: 'action',
        id: 'getFileMetadata',
        display: { summary: 'Get file metadata' },
        inputSchema: closedObject(['filePath'], { filePath: path }),
        async execute(context, inputs) {
          const filePath = normalizePath(inputs.filePath);
          const entry = await files(context, (f) => f.stat(filePath));
          if (entry === undefined) throw notFound(filePath);
          return { body: entry };
        },
      }),
      defineAction<FileInputs, unknown>({
        kind: 'action',
        id: 'getFileContent',
        display: { summary: 'Get file content', description: 'Text when the file is UTF-8, else base64.' },
        inputSchema: closedObject(['filePath'], { filePath: path }),
        async execute(context, inputs) {
          const filePath = normalizePath(inputs.filePath);
          const bytes = await files(context, async (f) => {
            const entry = await f.stat(filePath);
            if (entry === undefined || entry.isFolder) throw notFound(filePath);
            return readWithin(f, entry);
          });
          return { body: contentValue(bytes) };
        },
      }),
      defineAction<CreateInputs, FileEntry>({
        kind: 'action',
        id: 'createFile',
        display: { summary: 'Create a file' },
        inputSchema: closedObject(['filePath', 'content'], {
          filePath: path,
          content,
          overwrite: { type: 'boolean', default: false },
        }),
        async execute(context, inputs) {
          const filePath = normalizePath(inputs.filePath);
          const bytes = contentBytes(inputs.content);
          const entry = await files(context, async (f) => {
            if (!inputs.overwrite && (await f.stat(filePath)) !== undefined)
              throw new ConnectorError(
                FileErrorCode.FileAlreadyExists,
                `${filePath} already exists (set overwrite: true to replace it)`,
                false,
              );
            await f.write(filePath, bytes);
            return f.stat(filePath);
          });
          return {
            body: entry ?? {
              name: filePath.split('/').pop()!,
              path: filePath,
              size: bytes.length,
              isFolder: false,
            },
          };
        },
      }),
      defineAction<UpdateInputs, FileEntry>({
        kind: 'action',
        id: 'updateFile',
        display: { summary: 'Update a file' },
        inputSchema: closedObject(['filePath', 'content'], { filePath: path, content }),
        async execute(context, inputs) {
          const filePath = normalizePath(inputs.filePath);
          const bytes = contentBytes(inputs.content);
          const entry = await files(context, async (f) => {
            if ((await f.stat(filePath)) === undefined) throw notFound(filePath);
            await f.write(filePath, bytes);
            return f.stat(filePath);
          });
          return { body: entry! };
        },
      }),
      defineAction<FileInputs, { deleted: string }>({
        kind: 'action',
        id: 'deleteFile',
        display: { summary: 'Delete a file' },
        inputSchema: closedObject(['filePath'], { filePath: path }),
        async execute(context, inputs) {
          const filePath = normalizePath(inputs.filePath);
          await files(context, async (f) => {
            const entry = await f.stat(filePath);
            if (entry === undefined || entry.isFolder) throw notFound(filePath);
            await f.delete(filePath);
          });
          return { body: { deleted: filePath } };
        },
      }),
    ],
    triggers: [
      definePollingTrigger<PollInputs, FileEntry & { content?: unknown }, FileCursor>({
        kind: 'pollingTrigger',
        id: 'whenFileIsAddedOrModified',
        display: {
          summary: 'When a file is added or modified',
          description: 'One item per new or changed file of the folder (not its subfolders), oldest first.',
        },
        inputSchema: {
          type: 'object',
          required: ['folderPath'],
          additionalProperties: false,
          properties: {
            folderPath: path,
            includeFileContent: { type: 'boolean', default: false },
            maxFileCount: { type: 'integer', minimum: 1, maximum: 1_000, default: 100 },
            startFrom: { enum: ['now', 'beginning'], default: 'now' },
          },
        },
        async poll(context, inputs, cursor) {
          return files(context, async (f) => {
            const entries = (await f.list(normalizePath(inputs.folderPath)))
              .filter((e) => !e.isFolder)
              .sort((a, b) => modifiedMs(a) - modifiedMs(b) || a.name.localeCompare(b.name));
            if (cursor === undefined && inputs.startFrom === 'now') {
              // The first poll marks "now": files already there do not fire.
              const since = Math.max(0, ...entries.map(modifiedMs));
              return {
                items: [],
                nextCursor: {
                  since,
                  names: entries.filter((e) => modifiedMs(e) === since).map((e) => e.name),
                },
              };
            }
            const from = cursor ?? { since: -1, names: [] };
            const fresh = entries
              .filter(
                (e) =>
                  modifiedMs(e) > from.since ||
                  (modifiedMs(e) === from.since && !from.names.includes(e.name)),
              )
              .slice(0, inputs.maxFileCount);
            const items: (FileEntry & { content?: unknown })[] = [];
            for (const entry of fresh)
              items.push(
                inputs.includeFileContent
                  ? { ...entry, content: contentValue(await readWithin(f, entry)) }
                  : entry,
              );
            const last = fresh.at(-1);
            if (last === undefined) return { items, nextCursor: from };
            const since = modifiedMs(last);
            const names = fresh.filter((e) => modifiedMs(e) === since).map((e) => e.name);
            return {
              items,
              nextCursor: { since, names: since === from.since ? [...from.names, ...names] : names },
            };
          });
        },
      }),
    ],
  });
}
