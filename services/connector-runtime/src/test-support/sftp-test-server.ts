import { createHash } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import ssh2, { type Attributes, type SFTPWrapper } from 'ssh2';

const { Server, utils } = ssh2;
const { STATUS_CODE } = utils.sftp;

export interface SftpTestServer {
  port: number;
  /** `SHA256:...` of the server's host key, as a connection pins it. */
  hostKeySha256: string;
  /** Password logins attempted. */
  logins(): number;
  close(): Promise<void>;
}

function attrsOf(stats: Stats): Attributes {
  return {
    mode: stats.mode,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  };
}

/**
 * A real SSH server (the ssh2 package) whose SFTP subsystem serves a local folder: password login for one user,
 * an ed25519 host key made for the test. Enough of SFTP v3 for ssh2-sftp-client's list, stat, get, put, delete.
 */
export async function startSftpTestServer(
  root: string,
  user: string,
  password: string,
): Promise<SftpTestServer> {
  const keys = utils.generateKeyPairSync('ed25519');
  const parsed = utils.parseKey(keys.public);
  if (parsed instanceof Error) throw parsed;
  const hostKeySha256 = `SHA256:${createHash('sha256').update(parsed.getPublicSSH()).digest('base64').replace(/=+$/, '')}`;
  const local = (path: string) => join(root, normalize(`/${path}`));

  const serve = (sftp: SFTPWrapper) => {
    const handles = new Map<number, { path: string; file?: fs.FileHandle; listed?: boolean }>();
    let next = 0;
    const handle = (entry: { path: string; file?: fs.FileHandle }) => {
      next += 1;
      handles.set(next, entry);
      const buffer = Buffer.alloc(4);
      buffer.writeUInt32BE(next);
      return buffer;
    };
    const of = (buffer: Buffer) => (buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined);
    const fail = (id: number, error: unknown) =>
      sftp.status(
        id,
        (error as { code?: string }).code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : STATUS_CODE.FAILURE,
      );
    const guard = (id: number, work: () => Promise<void>) =>
      void work().catch((error: unknown) => fail(id, error));

    sftp.on('REALPATH', (id, path) =>
      sftp.name(id, [
        { filename: normalize(`/${path}`), longname: normalize(`/${path}`), attrs: {} as Attributes },
      ]),
    );
    sftp.on('STAT', (id, path) =>
      guard(id, async () => void sftp.attrs(id, attrsOf(await fs.stat(local(path))))),
    );
    sftp.on('LSTAT', (id, path) =>
      guard(id, async () => void sftp.attrs(id, attrsOf(await fs.lstat(local(path))))),
    );
    sftp.on('FSTAT', (id, h) =>
      guard(id, async () => {
        const entry = of(h);
        if (entry?.file === undefined) return void sftp.status(id, STATUS_CODE.FAILURE);
        sftp.attrs(id, attrsOf(await entry.file.stat()));
      }),
    );
    sftp.on('OPENDIR', (id, path) =>
      guard(id, async () => {
        if (!(await fs.stat(local(path))).isDirectory()) return void sftp.status(id, STATUS_CODE.FAILURE);
        sftp.handle(id, handle({ path }));
      }),
    );
    sftp.on('READDIR', (id, h) =>
      guard(id, async () => {
        const entry = of(h);
        if (entry === undefined) return void sftp.status(id, STATUS_CODE.FAILURE);
        if (entry.listed === true) return void sftp.status(id, STATUS_CODE.EOF);
        entry.listed = true;
        const names = await fs.readdir(local(entry.path));
        const items = await Promise.all(
          names.map(async (name) => {
            const stats = await fs.stat(join(local(entry.path), name));
            const type = stats.isDirectory() ? 'd' : '-';
            return {
              filename: name,
              longname: `${type}rw-r--r-- 1 u g ${stats.size} Jan 1 00:00 ${name}`,
              attrs: attrsOf(stats),
            };
          }),
        );
        sftp.name(id, items);
      }),
    );
    sftp.on('OPEN', (id, path, flags) =>
      guard(id, async () => {
        const mode = utils.sftp.flagsToString(flags) ?? 'r';
        sftp.handle(id, handle({ path, file: await fs.open(local(path), mode) }));
      }),
    );
    sftp.on('READ', (id, h, offset, length) =>
      guard(id, async () => {
        const entry = of(h);
        if (entry?.file === undefined) return void sftp.status(id, STATUS_CODE.FAILURE);
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await entry.file.read(buffer, 0, length, offset);
        if (bytesRead === 0) sftp.status(id, STATUS_CODE.EOF);
        else sftp.data(id, buffer.subarray(0, bytesRead));
      }),
    );
    sftp.on('WRITE', (id, h, offset, data) =>
      guard(id, async () => {
        const entry = of(h);
        if (entry?.file === undefined) return void sftp.status(id, STATUS_CODE.FAILURE);
        await entry.file.write(data, 0, data.length, offset);
        sftp.status(id, STATUS_CODE.OK);
      }),
    );
    sftp.on('CLOSE', (id, h) =>
      guard(id, async () => {
        const entry = of(h);
        if (entry === undefined) return void sftp.status(id, STATUS_CODE.FAILURE);
        handles.delete(h.readUInt32BE(0));
        await entry.file?.close();
        sftp.status(id, STATUS_CODE.OK);
      }),
    );
    sftp.on('REMOVE', (id, path) =>
      guard(id, async () => void (await fs.unlink(local(path)), sftp.status(id, STATUS_CODE.OK))),
    );
    sftp.on('SETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
    sftp.on('FSETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
  };

  let logins = 0;
  const server = new Server({ hostKeys: [keys.private] }, (client) => {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password') logins += 1;
      if (ctx.method === 'password' && ctx.username === user && ctx.password === password) ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('sftp', (acceptSftp) => serve(acceptSftp()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hostKeySha256,
    logins: () => logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
