import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvFile } from './env-file.js';

describe('readEnvFile', () => {
  it('parses the KEY=value format deploy/local/up.sh writes, comments included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'testkit-env-'));
    try {
      const file = join(dir, '.env');
      await writeFile(
        file,
        '# Written by deploy/local/up.sh\nKAFKA_BROKERS=127.0.0.1:40001\nDATABASE_URL=postgres://postgres@127.0.0.1:40002/patchbay\n',
      );
      assert.deepEqual(await readEnvFile(file), {
        KAFKA_BROKERS: '127.0.0.1:40001',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:40002/patchbay',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('returns undefined for a missing file', async () => {
    assert.equal(await readEnvFile(join(tmpdir(), 'testkit-does-not-exist', '.env')), undefined);
  });
});
