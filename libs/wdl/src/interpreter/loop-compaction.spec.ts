import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runScripted, workflow, type ScriptedConnector } from './test-support/scripted-run.js';
import { runSnapshot } from './run-snapshot.js';

let calls = 0;
const counting: ScriptedConnector = () => ({
  status: 'Succeeded',
  outputs: { statusCode: 200, body: { n: (calls += 1) } },
});

function both(definition: Record<string, unknown>): ReturnType<typeof runScripted>[] {
  calls = 0;
  const full = runScripted(definition, undefined, counting);
  calls = 0;
  const compact = runScripted(definition, undefined, counting, { compactLoops: true });
  return [full, compact];
}

const call = (uri: string, runAfter: Record<string, string[]> = {}): Record<string, unknown> => ({
  type: 'Http',
  inputs: { method: 'GET', uri },
  runAfter,
});

const foreachDefinition = (extraAfter: Record<string, unknown> = {}): Record<string, unknown> =>
  workflow({
    Each: {
      type: 'Foreach',
      foreach: '@range(0, 40)',
      runtimeConfiguration: { concurrency: { repetitions: 4 } },
      actions: {
        Call: call("http://x.test/@{items('Each')}"),
        Keep: { type: 'Compose', inputs: "@body('Call')?['n']", runAfter: { Call: ['Succeeded'] } },
        Inner: {
          type: 'Foreach',
          foreach: '@range(0, 3)',
          actions: { Twice: { type: 'Compose', inputs: "@mul(items('Inner'), 2)" } },
          runAfter: { Keep: ['Succeeded'] },
        },
      },
      runAfter: {},
    },
    After: { type: 'Compose', inputs: "@outputs('Keep')", runAfter: { Each: ['Succeeded'] } },
    ...extraAfter,
  });

describe('compactLoops', () => {
  it('drops finished Foreach passes (nested ones too) and runs the same', () => {
    const [full, compact] = both(foreachDefinition());
    assert.ok(full !== undefined && compact !== undefined);
    assert.equal(compact.state.status, 'Succeeded');
    assert.deepEqual(compact.commands, full.commands);
    assert.deepEqual(runSnapshot(compact.state), runSnapshot(full.state));
    const fullCount = Object.keys(full.state.actions).length;
    const compactCount = Object.keys(compact.state.actions).length;
    assert.equal(fullCount, 2 + 40 * 3 + 40 * 3);
    assert.ok(compactCount <= 8, `${compactCount} instances kept`);
    assert.ok(Object.keys(compact.state.frames).length <= 3);
  });

  it('keeps every pass of a loop that result() reads', () => {
    const definition = foreachDefinition({
      Results: { type: 'Compose', inputs: "@length(result('Each'))", runAfter: { After: ['Succeeded'] } },
    });
    const [full, compact] = both(definition);
    assert.ok(full !== undefined && compact !== undefined);
    assert.deepEqual(compact.commands, full.commands);
    for (let i = 0; i < 40; i++) {
      for (const name of ['Call', 'Keep', 'Inner'])
        assert.ok(compact.state.actions[`${name}[${i}]`] !== undefined, `${name}[${i}] was dropped`);
    }
    assert.equal(compact.state.actions['Results']?.result.outputs, 40 * 3);
    assert.ok(compact.state.actions['Twice[0,0]'] === undefined, 'the nested loop is still compacted');
  });

  it('keeps every pass when an action name is computed', () => {
    const definition = foreachDefinition({
      Dynamic: {
        type: 'Compose',
        inputs: "@outputs(concat('Ke', 'ep'))",
        runAfter: { After: ['Succeeded'] },
      },
    });
    const [full, compact] = both(definition);
    assert.ok(full !== undefined && compact !== undefined);
    assert.deepEqual(Object.keys(compact.state.actions), Object.keys(full.state.actions));
    assert.deepEqual(Object.keys(compact.state.frames), Object.keys(full.state.frames));
  });

  it('drops finished Until passes after the condition read them', () => {
    const definition = workflow({
      Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'n', type: 'integer', value: 0 }] } },
      Poll: {
        type: 'Until',
        expression: "@greaterOrEquals(body('Call')?['n'], 25)",
        limit: { count: 100 },
        actions: {
          Call: call('http://x.test/status'),
          Count: { type: 'IncrementVariable', inputs: { name: 'n' }, runAfter: { Call: ['Succeeded'] } },
        },
        runAfter: { Init: ['Succeeded'] },
      },
    });
    const [full, compact] = both(definition);
    assert.ok(full !== undefined && compact !== undefined);
    assert.deepEqual(compact.commands, full.commands);
    assert.deepEqual(runSnapshot(compact.state), runSnapshot(full.state));
    assert.equal(runSnapshot(compact.state).iterations['Poll'], 25);
    assert.ok(Object.keys(compact.state.actions).length <= 4);
  });
});
