import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolvePlatform } from '../support/platform.js';

const run = promisify(execFile);

/** Runs `npm run check:secrets` (its script) against the running platform; resolves to its output. */
async function canary(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const platform = await resolvePlatform();
  const script = join(platform.repoRoot, 'services/connection-store/scripts/check-secrets.mjs');
  try {
    const { stdout } = await run(process.execPath, [script, ...args], { maxBuffer: 1 << 24 });
    return { code: 0, lines: stdout.trim().split('\n') };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, lines: (failed.stdout ?? '').trim().split('\n') };
  }
}

/**
 * The secrets canary: a unique secret goes into a connection, workflows use it (some fail on purpose), and
 * API answers, run history, a Postgres dump, every Kafka topic and every service log are searched for it.
 */
describe('secrets canary (npm run check:secrets)', () => {
  it('finds the secret nowhere: canary hits: 0', async () => {
    const { code, lines } = await canary();
    assert.equal(lines.at(-1), 'canary hits: 0', lines.join('\n'));
    assert.equal(code, 0);
    assert.ok(
      lines.some((l) => l.startsWith('runs: Succeeded, Succeeded, Failed')),
      lines.join('\n'),
    );
  });

  it('does find it when the target echoes it on purpose (the check can fail)', async () => {
    const { code, lines } = await canary('--leak-on-purpose');
    const last = /^canary hits: (\d+)$/.exec(lines.at(-1) ?? '');
    assert.ok(last, lines.join('\n'));
    assert.ok(Number(last[1]) > 0);
    assert.equal(code, 1);
  });
});
