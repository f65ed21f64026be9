import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { manualTrigger, replay, runScripted, workflow } from './test-support/scripted-run.js';
import { start, step } from './run-interpreter.js';

const definition = workflow({
  Init: {
    type: 'InitializeVariable',
    inputs: { variables: [{ name: 'ids', type: 'array', value: [] }] },
    runAfter: {},
  },
  Loop: {
    type: 'Foreach',
    foreach: "@triggerBody()?['items']",
    runtimeConfiguration: { concurrency: { repetitions: 3 } },
    actions: {
      Call: {
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: 'http://backend.test/@{item()}',
          retryPolicy: { type: 'exponential', count: 2, interval: 'PT10S' },
        },
        runAfter: {},
      },
      Remember: {
        type: 'AppendToArrayVariable',
        inputs: { name: 'ids', value: '@guid()' },
        runAfter: { Call: ['Succeeded', 'Failed'] },
      },
    },
    runAfter: { Init: ['Succeeded'] },
  },
  Pause: {
    type: 'Wait',
    inputs: { interval: { count: 1, unit: 'Minute' } },
    runAfter: { Loop: ['Succeeded', 'Failed'] },
  },
  Done: {
    type: 'Compose',
    inputs: { ids: "@variables('ids')", at: '@utcNow()', random: '@rand(1, 1000)' },
    runAfter: { Pause: ['Succeeded'] },
  },
});
const trigger = manualTrigger({ items: [1, 2, 3, 4, 5] });
let calls = 0;
const flaky = (): { status: 'Succeeded' | 'Failed'; outputs: unknown } => {
  calls += 1;
  return calls % 3 === 0
    ? { status: 'Failed', outputs: { statusCode: 503 } }
    : { status: 'Succeeded', outputs: { statusCode: 200, body: calls } };
};

describe('replay', () => {
  const original = runScripted(definition, trigger, flaky);

  it('reaches the end of a run with loops, retries, a Wait and generated ids', () => {
    assert.equal(original.state.status, 'Succeeded');
    const purposes = new Set(
      original.events.flatMap((e) =>
        e.type === 'timerFired'
          ? original.commands.flatMap((c) =>
              c.type === 'startTimer' && c.timerId === e.timerId ? [c.purpose] : [],
            )
          : [],
      ),
    );
    assert.deepEqual([...purposes].sort(), ['retry', 'wait']);
    assert.ok(original.calls.some((c) => c.attempt > 1));
  });

  it('gives the same state and commands when the same events are replayed', () => {
    const again = replay(definition, trigger, original.events);
    assert.deepEqual(again.state, original.state);
    assert.deepEqual(again.commands, original.commands);
  });

  it('gives the same result from a state that went through JSON storage after every step', () => {
    let current = start(definition, trigger, { runId: 'run-1', now: '2024-05-01T08:00:00.000Z' });
    const commands = [...current.commands];
    for (const event of original.events) {
      const stored = JSON.parse(JSON.stringify(current.state)) as typeof current.state;
      current = step(stored, event);
      commands.push(...current.commands);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(current.state)), JSON.parse(JSON.stringify(original.state)));
    assert.deepEqual(commands, original.commands);
  });

  it('draws different ids for a different seed', () => {
    const other = replay(definition, trigger, original.events, { seed: 'another-seed' });
    assert.notDeepEqual(other.state.variables['ids']?.value, original.state.variables['ids']?.value);
  });
});
