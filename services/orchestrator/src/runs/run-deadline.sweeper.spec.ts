import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { orchestratorEnvSchema } from '../config/orchestrator.config.js';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { OrchestratorConfig } from '../config/orchestrator.config.js';
import type { AdvanceOutcome, RunCoordinator } from './run-coordinator.service.js';
import { overdueReason, RunDeadlineSweeper, sweepIntervalMs } from './run-deadline.sweeper.js';

describe('maximum run duration', () => {
  const base = {
    KAFKA_BROKERS: '127.0.0.1:9092',
    DATABASE_URL: 'postgres://127.0.0.1:5432/patchbay',
    PATCHBAY_WEBHOOK_SIGNING_KEY: 'test-signing-key-0123456789',
    PATCHBAY_RUN_STATE_KEYS: Buffer.alloc(32, 1).toString('base64'),
  };

  it('is 90 days by default, as Logic Apps run duration, and reads ISO 8601 durations', () => {
    assert.equal(orchestratorEnvSchema.parse(base).PATCHBAY_RUN_MAX_DURATION, 90 * 24 * 3_600_000);
    assert.equal(
      orchestratorEnvSchema.parse({ ...base, PATCHBAY_RUN_MAX_DURATION: 'PT1H30M' })
        .PATCHBAY_RUN_MAX_DURATION,
      5_400_000,
    );
  });

  it('refuses what is not a duration of a second or more, naming the variable', () => {
    for (const wrong of ['90', 'P', 'PT0.5S', 'ninety days']) {
      const parsed = orchestratorEnvSchema.safeParse({ ...base, PATCHBAY_RUN_MAX_DURATION: wrong });
      assert.ok(!parsed.success, wrong);
      assert.deepEqual(parsed.error.issues[0]!.path, ['PATCHBAY_RUN_MAX_DURATION']);
      assert.match(parsed.error.issues[0]!.message, /ISO 8601 duration/);
    }
  });

  it('sweeps at a tenth of the limit, between one second and one minute, and says why it cancels', () => {
    assert.deepEqual([4_000, 300_000, 90 * 24 * 3_600_000].map(sweepIntervalMs), [1_000, 30_000, 60_000]);
    assert.match(overdueReason(4_000), /PATCHBAY_RUN_MAX_DURATION, 4000 ms/);
  });

  it('goes on with the other overdue runs when one cannot be cancelled, and logs which', async () => {
    const asked: string[] = [];
    const warnings: unknown[] = [];
    const dataSource = { query: () => Promise.resolve([{ id: 'run-a' }, { id: 'run-b' }, { id: 'run-c' }]) };
    const coordinator = {
      cancelRun: (id: string): Promise<AdvanceOutcome> => {
        asked.push(id);
        if (id === 'run-a') return Promise.reject(new Error('sealed with a retired key'));
        return Promise.resolve(id === 'run-b' ? 'advanced' : 'ended');
      },
    };
    const logger = { warn: (fields: unknown) => warnings.push(fields) };
    const sweeper = new RunDeadlineSweeper(
      dataSource as unknown as DataSource,
      coordinator as unknown as RunCoordinator,
      { PATCHBAY_RUN_MAX_DURATION: 4_000 } as OrchestratorConfig,
      logger as unknown as Logger,
    );
    assert.equal(await sweeper.sweep(), 1);
    assert.deepEqual(asked, ['run-a', 'run-b', 'run-c']);
    assert.deepEqual(
      warnings.map((w) => (w as { runId: string }).runId),
      ['run-a', 'run-b'],
    );
  });
});
