import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { start, step, type StartOptions, type StepOptions } from './run-interpreter.js';
import { WdlInterpreterError } from './interpreter-errors.js';
import type { InterpreterCommand } from './interpreter-commands.js';
import type { RunState } from './run-state.js';
import { actionHistory, runSnapshot } from './run-snapshot.js';
import { SECURED_CONTENT_MARKER } from './secure-data.js';
import { deepFreeze, manualTrigger, T0, workflow } from './test-support/scripted-run.js';

const definition = workflow({
  Call: {
    type: 'Http',
    inputs: { method: 'GET', uri: "http://crm.test/@{triggerBody()?['id']}" },
    runtimeConfiguration: { secureData: { properties: ['outputs'] } },
    runAfter: {},
  },
  Reply: {
    type: 'Response',
    kind: 'Http',
    inputs: { statusCode: 200, body: "@body('Call')" },
    runAfter: { Call: ['Succeeded'] },
  },
});

interface Driven {
  states: RunState[];
  commands: InterpreterCommand[];
}

/** Starts a run and answers every connector call, passing `stepOptions` to each step. */
function drive(startOptions: Partial<StartOptions>, stepOptions: StepOptions): Driven {
  const first = start(definition, manualTrigger({ id: 7 }), { runId: 'run-d', now: T0, ...startOptions });
  const driven: Driven = { states: [deepFreeze(first.state)], commands: [...first.commands] };
  let pending = first.commands;
  while (pending.length > 0) {
    const call = pending.find((c) => c.type === 'executeConnectorAction');
    if (call === undefined) break;
    const state = JSON.parse(JSON.stringify(driven.states.at(-1))) as RunState;
    const next = step(
      state,
      {
        type: 'actionCompleted',
        commandId: call.commandId,
        at: T0,
        status: 'Succeeded',
        outputs: { statusCode: 200, body: { ok: 1 } },
      },
      stepOptions,
    );
    driven.states.push(deepFreeze(next.state));
    driven.commands.push(...next.commands);
    pending = next.commands;
  }
  return driven;
}

describe('storeDefinition: false', () => {
  const stored = drive({}, {});
  const outside = drive({ storeDefinition: false }, { definition });

  it('keeps only the hash in the state and gives the same run', () => {
    const last = outside.states.at(-1) as RunState;
    assert.equal(last.definition, undefined);
    assert.equal(last.status, 'Succeeded');
    assert.deepEqual(outside.commands, stored.commands);
    const { definition: _definition, ...rest } = stored.states.at(-1) as RunState;
    assert.deepEqual(last, rest);
    assert.ok(JSON.stringify(last).length < JSON.stringify(stored.states.at(-1)).length);
  });

  it('accepts the definition as a Standard {definition, kind} document', () => {
    const wrapped = drive({ storeDefinition: false }, { definition: { definition, kind: 'Stateful' } });
    assert.deepEqual(wrapped.commands, stored.commands);
  });

  it('needs the definition in step, and the same one', () => {
    const first = outside.states[0] as RunState;
    const event = { type: 'actionCompleted', commandId: 'x', at: T0, status: 'Succeeded' } as const;
    assert.throws(
      () => step(first, event),
      (e: unknown) => e instanceof WdlInterpreterError && e.code === 'DefinitionRequired',
    );
    const other = workflow({ Other: { type: 'Compose', inputs: 1, runAfter: {} } });
    assert.throws(
      () => step(first, event, { definition: other }),
      (e: unknown) => e instanceof WdlInterpreterError && e.code === 'DefinitionMismatch',
    );
  });

  it('reads snapshots and history with the supplied definition, secure parts redacted', () => {
    const last = outside.states.at(-1) as RunState;
    assert.throws(
      () => runSnapshot(last),
      (e: unknown) => e instanceof WdlInterpreterError && e.code === 'DefinitionRequired',
    );
    assert.equal(runSnapshot(last, definition).actions['Call']?.outputs, SECURED_CONTENT_MARKER);
    assert.equal(
      actionHistory(last, definition).find((e) => e.name === 'Call')?.result.outputs,
      SECURED_CONTENT_MARKER,
    );
  });
});
