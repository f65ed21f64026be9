import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FtpSrv } from 'ftp-srv';
import {
  ConnectorRegistry,
  requireAction,
  requireTrigger,
  type PollResult,
  type RegisteredConnector,
  type RegisteredPollingTrigger,
} from '@patchbay/connector-sdk';
import type { ResolvedConnectionData } from '../../execution/connector.js';
import {
  operationContext,
  runAction,
  testGuard,
  type HarnessOptions,
} from '../../test-support/operation-harness.js';
import { freePort } from '../../test-support/runtime-harness.js';
import { startSftpTestServer } from '../../test-support/sftp-test-server.js';
import { ftpConnector } from './ftp.connector.js';
import { sftpConnector } from './sftp.connector.js';

const USER = 'patchbay';
const PASSWORD = `pw-${process.pid}-${Date.now()}`;
/** Explicit file times (seconds) so the trigger's order never depends on the clock. */
const T0 = Math.floor(Date.now() / 1000) - 3_600;

const silentLog = {
  child() {
    return silentLog;
  },
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
};

interface ServerUnderTest {
  name: string;
  connector: RegisteredConnector;
  connection: (password: string) => ResolvedConnectionData;
  /** Logins the server saw (to show invalid inputs never connect). */
  logins: () => number;
  stop: () => Promise<void>;
}

async function startFtp(root: string): Promise<ServerUnderTest> {
  const port = await freePort();
  let logins = 0;
  const server = new FtpSrv({
    url: `ftp://127.0.0.1:${port}`,
    pasv_url: '127.0.0.1',
    anonymous: false,
    log: silentLog,
  });
  server.on('login', ({ username, password }, resolve, reject) => {
    logins += 1;
    if (username === USER && password === PASSWORD) resolve({ root });
    else reject(new Error('bad credentials'));
  });
  await server.listen();
  return {
    name: 'FTP (ftp-srv)',
    connector: new ConnectorRegistry().register(ftpConnector(10_000)),
    connection: (password) => ({
      connectionId: 'c-ftp',
      connectionName: 'ftp',
      connectorId: 'ftp',
      authType: 'basic',
      parameters: { host: '127.0.0.1', port, username: USER },
      secrets: { password },
    }),
    logins: () => logins,
    stop: async () => {
      await server.close();
    },
  };
}

async function startSftp(root: string): Promise<ServerUnderTest & { hostKeySha256: string }> {
  const server = await startSftpTestServer(root, USER, PASSWORD);
  return {
    name: 'SFTP (ssh2 server)',
    connector: new ConnectorRegistry().register(sftpConnector(10_000)),
    hostKeySha256: server.hostKeySha256,
    connection: (password) => ({
      connectionId: 'c-sftp',
      connectionName: 'sftp',
      connectorId: 'sftp',
      authType: 'basic',
      parameters: {
        host: '127.0.0.1',
        port: server.port,
        username: USER,
        hostKeySha256: server.hostKeySha256,
      },
      secrets: { password },
    }),
    logins: () => server.logins(),
    stop: () => server.close(),
  };
}

for (const start of [startFtp, startSftp]) {
  describe(`file connector against a real server: ${start === startFtp ? 'FTP' : 'SFTP'}`, () => {
    let root: string;
    let server: ServerUnderTest;
    const guard = testGuard();

    before(async () => {
      root = await mkdtemp(join(tmpdir(), 'pb-files-'));
      await mkdir(join(root, 'in'));
      await writeFile(join(root, 'in', 'old.txt'), 'already here');
      await utimes(join(root, 'in', 'old.txt'), T0, T0);
      server = await start(root);
    });

    after(async () => {
      await server?.stop();
      await guard.close();
      await rm(root, { recursive: true, force: true });
    });

    const options = (overrides: HarnessOptions = {}): HarnessOptions => ({
      connection: server.connection(PASSWORD),
      guard,
      ...overrides,
    });
    const run = (operation: string, inputs: unknown, overrides: HarnessOptions = {}) => {
      const o = options(overrides);
      return runAction(
        requireAction(server.connector, operation),
        inputs,
        operationContext(o.guard ?? guard, o),
      );
    };
    const poll = async (inputs: unknown, cursor: unknown): Promise<PollResult> => {
      const trigger = requireTrigger(
        server.connector,
        'whenFileIsAddedOrModified',
      ) as RegisteredPollingTrigger;
      return trigger.poll(operationContext(guard, options()), inputs, cursor as never);
    };

    it('creates, lists, reads, describes and deletes files', async () => {
      const created = await run('createFile', { filePath: '/in/a.txt', content: 'hello files' });
      assert.equal(created.status, 'Succeeded', JSON.stringify(created.error));
      assert.equal((created.outputs as { body: { size: number } }).body.size, 11);

      const listed = await run('listFolder', { folderPath: '/in' });
      const entries = (
        listed.outputs as { body: { name: string; path: string; size: number; isFolder: boolean }[] }
      ).body;
      assert.deepEqual(entries.map((e) => [e.name, e.path, e.size, e.isFolder]).sort(), [
        ['a.txt', '/in/a.txt', 11, false],
        ['old.txt', '/in/old.txt', 12, false],
      ]);

      const read = await run('getFileContent', { filePath: 'in/a.txt' });
      assert.deepEqual(read.outputs, { body: 'hello files' });
      const binary = Buffer.from([0xff, 0x00, 0xfe, 0x01]);
      await run('createFile', {
        filePath: '/in/b.bin',
        content: { '$content-type': 'application/octet-stream', $content: binary.toString('base64') },
      });
      const readBinary = await run('getFileContent', { filePath: '/in/b.bin' });
      assert.deepEqual(readBinary.outputs, {
        body: { '$content-type': 'application/octet-stream', $content: binary.toString('base64') },
      });

      const meta = await run('getFileMetadata', { filePath: '/in/old.txt' });
      const body = (meta.outputs as { body: { lastModified: string; size: number } }).body;
      assert.equal(body.size, 12);
      assert.equal(Date.parse(body.lastModified), T0 * 1000);

      const duplicate = await run('createFile', { filePath: '/in/a.txt', content: 'again' });
      assert.equal(duplicate.error?.code, 'FileAlreadyExists');
      const overwritten = await run('createFile', {
        filePath: '/in/a.txt',
        content: 'again',
        overwrite: true,
      });
      assert.equal(overwritten.status, 'Succeeded');
      assert.deepEqual((await run('getFileContent', { filePath: '/in/a.txt' })).outputs, { body: 'again' });
      const updated = await run('updateFile', { filePath: '/in/a.txt', content: 'third' });
      assert.equal(updated.status, 'Succeeded');
      assert.equal(
        (await run('updateFile', { filePath: '/in/none.txt', content: 'x' })).error?.code,
        'FileNotFound',
      );

      assert.equal((await run('deleteFile', { filePath: '/in/a.txt' })).status, 'Succeeded');
      assert.equal((await run('deleteFile', { filePath: '/in/b.bin' })).status, 'Succeeded');
      const gone = await run('getFileContent', { filePath: '/in/a.txt' });
      assert.equal(gone.error?.code, 'FileNotFound');
      assert.equal(gone.error.retryable, false);
      assert.equal((await run('listFolder', { folderPath: '/missing' })).error?.code, 'FileNotFound');
    });

    it('fires the trigger once per new or modified file, with content, from a cursor', async () => {
      const inputs = { folderPath: '/in', includeFileContent: true };
      const first = await poll(inputs, undefined);
      assert.deepEqual(first.items, [], 'files already there do not fire');

      await writeFile(join(root, 'in', 'new.csv'), 'a,b\n1,2\n');
      await utimes(join(root, 'in', 'new.csv'), T0 + 100, T0 + 100);
      const second = await poll(inputs, first.nextCursor);
      assert.deepEqual(
        (second.items as { name: string; path: string; content: unknown }[]).map((i) => [
          i.name,
          i.path,
          i.content,
        ]),
        [['new.csv', '/in/new.csv', 'a,b\n1,2\n']],
      );
      assert.deepEqual((await poll(inputs, second.nextCursor)).items, [], 'nothing new, nothing fires');

      // Same time as new.csv: still fires once; new.csv does not fire again.
      await writeFile(join(root, 'in', 'twin.csv'), 'twin');
      await utimes(join(root, 'in', 'twin.csv'), T0 + 100, T0 + 100);
      await writeFile(join(root, 'in', 'new.csv'), 'a,b\n3,4\n');
      await utimes(join(root, 'in', 'new.csv'), T0 + 200, T0 + 200);
      const third = await poll(inputs, second.nextCursor);
      assert.deepEqual(
        (third.items as { name: string; content: unknown }[]).map((i) => [i.name, i.content]),
        [
          ['twin.csv', 'twin'],
          ['new.csv', 'a,b\n3,4\n'],
        ],
      );
      assert.deepEqual((await poll(inputs, third.nextCursor)).items, []);

      const fromStart = await poll({ folderPath: '/in', startFrom: 'beginning' }, undefined);
      assert.deepEqual(
        (fromStart.items as { name: string; content?: unknown }[]).map((i) => [i.name, 'content' in i]),
        [
          ['old.txt', false],
          ['twin.csv', false],
          ['new.csv', false],
        ],
      );
    });

    it('refuses invalid inputs before connecting, naming the field', async () => {
      const before = server.logins();
      const outcome = await run('createFile', { filePath: '/in/x.txt', content: 42 });
      assert.equal(outcome.error?.code, 'InvalidActionInputs');
      assert.match(outcome.error.message, /\/content/);
      const missing = await run('deleteFile', {});
      assert.match(missing.error?.message ?? '', /filePath/);
      assert.equal(server.logins(), before);
    });

    it('reports refused credentials as ConnectionUnusable and drops the cached connection', async () => {
      let rejected = 0;
      const outcome = await run(
        'listFolder',
        { folderPath: '/in' },
        { connection: server.connection('wrong'), credentialsRejected: () => (rejected += 1) },
      );
      assert.equal(outcome.error?.code, 'ConnectionUnusable');
      assert.equal(outcome.error.retryable, false);
      assert.equal(rejected, 1);
    });

    it('is stopped by the egress rules before any connection, naming the rule', async () => {
      const before = server.logins();
      const strict = testGuard([]);
      try {
        const outcome = await run('listFolder', { folderPath: '/in' }, { guard: strict });
        assert.equal(outcome.error?.code, 'EgressDenied');
        assert.match(outcome.error.message, /default-deny-loopback/);
      } finally {
        await strict.close();
      }
      assert.equal(server.logins(), before);
    });
  });
}

describe('SFTP host key pinning', () => {
  it('refuses a server whose key does not match hostKeySha256', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pb-sftp-'));
    const server = await startSftp(root);
    const guard = testGuard();
    try {
      const connection = server.connection(PASSWORD);
      connection.parameters = {
        ...connection.parameters,
        hostKeySha256: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      };
      const outcome = await runAction(
        requireAction(server.connector, 'listFolder'),
        { folderPath: '/' },
        operationContext(guard, { connection }),
      );
      assert.equal(outcome.error?.code, 'ConnectionUnusable');
      assert.match(outcome.error.message, /host key/);
      assert.equal(server.logins(), 0, 'no password was offered to the impostor');
    } finally {
      await server.stop();
      await guard.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
