import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineStep } from '../engine/run-engine.port.js';
import { stepEffects } from './step-effects.js';

const run = {
  id: '00000000-0000-4000-8000-000000000001',
  workflowId: '00000000-0000-4000-8000-0000000000aa',
  triggerName: 'manual',
  revision: 3,
};
const at = '2026-11-26T10:00:00.000Z';

function step(status: EngineStep['status'], commands: EngineStep['commands']): EngineStep {
  return { state: {}, status, commands };
}

describe('stepEffects', () => {
  it('nets timers started and cancelled in one step', () => {
    const effects = stepEffects(
      run,
      step('Running', [
        { kind: 'startTimer', timerId: 'a', dueAt: at },
        { kind: 'startTimer', timerId: 'b', dueAt: at },
        { kind: 'cancelTimer', timerId: 'a' },
        { kind: 'cancelTimer', timerId: 'c' },
      ]),
      [],
      { publishActionEvents: false, at },
    );
    assert.deepEqual(effects.timersToSet, [{ timerId: 'b', dueAt: at }]);
    assert.deepEqual(effects.timersToDelete.sort(), ['a', 'c']);
    assert.equal(effects.deleteAllTimers, false);
  });

  it('ends a finished run: all timers go and run.finished carries the trigger', () => {
    const effects = stepEffects(
      run,
      step('Succeeded', [{ kind: 'startTimer', timerId: 'late', dueAt: at }]),
      [],
      { publishActionEvents: false, at },
    );
    assert.equal(effects.deleteAllTimers, true);
    assert.deepEqual(effects.timersToSet, []);
    const finished = effects.events.at(-1)?.data as { kind: string; triggerName: string; status: string };
    assert.deepEqual(
      [finished.kind, finished.triggerName, finished.status],
      ['run.finished', 'manual', 'Succeeded'],
    );
  });

  it('numbers history rows by revision, and publishes action events only when asked', () => {
    const commands: EngineStep['commands'] = [
      { kind: 'actionFinished', actionName: 'A', status: 'Succeeded', iterationPath: [], result: {} },
      { kind: 'actionFinished', actionName: 'B', status: 'Skipped', iterationPath: [2], result: {} },
    ];
    const quiet = stepEffects(run, step('Running', commands), [], { publishActionEvents: false, at });
    assert.deepEqual(
      quiet.actions.map((a) => a.seq),
      ['3000000', '3000001'],
    );
    assert.equal(quiet.events.length, 0);
    const loud = stepEffects(run, step('Running', commands), [], { publishActionEvents: true, at });
    assert.equal(
      loud.events.filter((e) => (e.data as { kind: string }).kind === 'action.finished').length,
      2,
    );
  });

  it('keys every event on the run id', () => {
    const effects = stepEffects(
      run,
      step('Running', [
        {
          kind: 'requestAction',
          actionName: 'Call',
          attemptId: 'x',
          idempotencyKey: 'x',
          actionType: 'Http',
          inputs: {},
        },
        { kind: 'respond', statusCode: 200, headers: {}, body: 'ok' },
      ]),
      [],
      { publishActionEvents: false, at },
    );
    assert.deepEqual(
      effects.events.map((e) => [e.topic, e.key]),
      [
        ['patchbay.action.requested.v1', run.id],
        ['patchbay.run.response.v1', run.id],
      ],
    );
  });

  it('carries the pagination policy in action.requested', () => {
    const effects = stepEffects(
      run,
      step('Running', [
        {
          kind: 'requestAction',
          actionName: 'List',
          attemptId: 'y',
          idempotencyKey: 'y',
          actionType: 'ApiConnection',
          inputs: {},
          pagination: { minimumItemCount: 300 },
        },
      ]),
      [],
      { publishActionEvents: false, at },
    );
    assert.deepEqual((effects.events[0]?.data as { pagination?: unknown }).pagination, {
      minimumItemCount: 300,
    });
  });
});
