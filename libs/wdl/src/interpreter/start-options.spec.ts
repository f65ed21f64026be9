import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { start, step } from './run-interpreter.js';
import { WdlInterpreterError } from './interpreter-errors.js';
import { WdlDefinitionError } from '../definition/index.js';
import { manualTrigger, outputsOf, T0, workflow } from './test-support/scripted-run.js';

describe('start', () => {
  it('refuses a definition that does not validate', () => {
    assert.throws(
      () => start(workflow({ A: { type: 'NoSuchType' } }), manualTrigger(), { runId: 'r', now: T0 }),
      WdlDefinitionError,
    );
  });

  it('refuses a definition that uses a feature Patchbay does not execute', () => {
    assert.throws(
      () =>
        start(workflow({ A: { type: 'JavaScriptCode', inputs: { code: 'return 1;' } } }), manualTrigger(), {
          runId: 'r',
          now: T0,
        }),
      WdlDefinitionError,
    );
  });

  it('refuses bad options', () => {
    assert.throws(() => start(workflow({}), manualTrigger(), { runId: '', now: T0 }), WdlInterpreterError);
    assert.throws(
      () => start(workflow({}), manualTrigger(), { runId: 'r', now: 'yesterday' }),
      WdlInterpreterError,
    );
  });

  it('accepts the Standard {definition, kind} document', () => {
    const { state } = start(
      { definition: workflow({ A: { type: 'Compose', inputs: 1, runAfter: {} } }), kind: 'Stateful' },
      manualTrigger(),
      { runId: 'r', now: T0 },
    );
    assert.equal(state.status, 'Succeeded');
  });

  it('applies parameter defaults and supplied values, and exposes workflow()', () => {
    const definition = workflow(
      {
        A: {
          type: 'Compose',
          inputs: {
            a: "@parameters('a')",
            b: "@parameters('b')",
            run: "@workflow()['run']['name']",
            name: "@workflow()['name']",
          },
          runAfter: {},
        },
      },
      { parameters: { a: { type: 'int', defaultValue: 1 }, b: { type: 'string', defaultValue: 'x' } } },
    );
    const { state } = start(definition, manualTrigger(), {
      runId: 'run-9',
      now: T0,
      parameters: { b: 'y' },
      workflow: { name: 'orders' },
    });
    assert.deepEqual(outputsOf(state, 'A'), { a: 1, b: 'y', run: 'run-9', name: 'orders' });
  });

  it('fails the run at once when a parameter value has the wrong type', () => {
    const definition = workflow({}, { parameters: { a: { type: 'int', defaultValue: 1 } } });
    const { state, commands } = start(definition, manualTrigger(), {
      runId: 'r',
      now: T0,
      parameters: { a: 'one' },
    });
    assert.equal(state.status, 'Failed');
    assert.equal(state.error?.code, 'InvalidParameters');
    assert.equal(commands.at(-1)?.type, 'completeRun');
  });

  it('rejects malformed events with a typed error', () => {
    const { state } = start(
      workflow({ W: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Second' } }, runAfter: {} } }),
      manualTrigger(),
      { runId: 'r', now: T0 },
    );
    assert.throws(() => step(state, { type: 'timerFired', timerId: 'x', at: 'soon' }), WdlInterpreterError);
    assert.throws(() => step(state, { type: 'nonsense', at: T0 } as never), WdlInterpreterError);
  });
});
