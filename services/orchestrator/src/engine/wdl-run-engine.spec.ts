import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionCompleted, TriggerFired } from '@patchbay/contracts';
import type { WorkflowDefinition } from '@patchbay/wdl';
import { WdlRunEngine } from './wdl-run-engine.js';
import type { EngineCommand, RunStartInput } from './run-engine.port.js';

const RUN_ID = '00000000-0000-4000-8000-000000000001';
const WORKFLOW_ID = '00000000-0000-4000-8000-0000000000aa';

function definition(respondAfter: 'Succeeded' | 'Failed' = 'Succeeded'): WorkflowDefinition {
  return {
    $schema:
      'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
    actions: {
      Call: {
        type: 'Http',
        runAfter: {},
        inputs: {
          method: 'POST',
          uri: 'http://127.0.0.1:9/greetings',
          body: { name: "@triggerBody()?['name']" },
          host: { connection: { name: 'greeter-api' } },
        },
        runtimeConfiguration: { secureData: { properties: ['inputs'] } },
      },
      Respond: {
        type: 'Response',
        kind: 'Http',
        runAfter: { Call: [respondAfter] },
        inputs: { statusCode: 200, body: { greeting: "@body('Call')?['greeting']" } },
      },
    },
  };
}

function trigger(body: unknown): TriggerFired {
  return {
    runId: RUN_ID,
    workflowId: WORKFLOW_ID,
    workflowVersion: 1,
    triggerName: 'manual',
    firedAt: '2026-11-26T10:00:00.000Z',
    method: 'POST',
    outputs: { headers: { 'content-type': 'application/json' }, body },
    awaitsResponse: true,
  };
}

function startInput(def: WorkflowDefinition): RunStartInput {
  return {
    runId: RUN_ID,
    workflowId: WORKFLOW_ID,
    workflowName: 'greeter',
    workflowVersion: 1,
    definition: def,
    parameters: {},
    trigger: trigger({ name: 'Ada' }),
    now: new Date('2026-11-26T10:00:00.100Z'),
  };
}

function only<K extends EngineCommand['kind']>(
  commands: EngineCommand[],
  kind: K,
): Extract<EngineCommand, { kind: K }> {
  const found = commands.filter((c): c is Extract<EngineCommand, { kind: K }> => c.kind === kind);
  assert.equal(found.length, 1, `expected one ${kind} command in ${JSON.stringify(commands)}`);
  return found[0]!;
}

function completion(attemptId: string, patch: Partial<ActionCompleted>): ActionCompleted {
  return {
    runId: RUN_ID,
    actionName: 'Call',
    attemptId,
    status: 'Succeeded',
    startedAt: '2026-11-26T10:00:00.200Z',
    endedAt: '2026-11-26T10:00:00.300Z',
    ...patch,
  };
}

describe('WdlRunEngine', () => {
  const engine = new WdlRunEngine();

  it('asks for the connector action with its connection and evaluated inputs', () => {
    const started = engine.start(startInput(definition()));
    assert.equal(started.status, 'Running');
    const request = only(started.commands, 'requestAction');
    assert.equal(request.actionName, 'Call');
    assert.equal(request.actionType, 'Http');
    assert.equal(request.connectionName, 'greeter-api');
    assert.equal(request.attemptId, request.idempotencyKey);
    assert.deepEqual((request.inputs as { body: unknown }).body, { name: 'Ada' });
  });

  it('answers the caller from the Response action and finishes the run', () => {
    const started = engine.start(startInput(definition()));
    const request = only(started.commands, 'requestAction');
    const next = engine.onActionCompleted(
      started.state,
      completion(request.attemptId, {
        outputs: { statusCode: 200, headers: {}, body: { greeting: 'Hello, Ada!' } },
      }),
      new Date('2026-11-26T10:00:00.400Z'),
    );
    assert.equal(next.status, 'Succeeded');
    const respond = only(next.commands, 'respond');
    assert.equal(respond.statusCode, 200);
    assert.deepEqual(respond.body, { greeting: 'Hello, Ada!' });
    const finished = next.commands.filter((c) => c.kind === 'actionFinished').map((c) => c.actionName);
    assert.deepEqual(finished.sort(), ['Call', 'Respond']);
  });

  it('answers 502 when the run ends without its Response action', () => {
    const started = engine.start(startInput(definition()));
    const request = only(started.commands, 'requestAction');
    const next = engine.onActionCompleted(
      started.state,
      completion(request.attemptId, {
        status: 'Failed',
        error: { code: 'ConnectionAccessDenied', message: 'not linked', retryable: false },
      }),
      new Date('2026-11-26T10:00:00.400Z'),
    );
    assert.equal(next.status, 'Failed');
    const respond = only(next.commands, 'respond');
    assert.equal(respond.statusCode, 502);
  });

  it('ignores a completion whose attempt it is not waiting for (Kafka redelivery)', () => {
    const started = engine.start(startInput(definition()));
    const request = only(started.commands, 'requestAction');
    const done = engine.onActionCompleted(
      started.state,
      completion(request.attemptId, { outputs: { statusCode: 200, headers: {}, body: {} } }),
      new Date('2026-11-26T10:00:00.400Z'),
    );
    const again = engine.onActionCompleted(
      done.state,
      completion(request.attemptId, { outputs: { statusCode: 200, headers: {}, body: {} } }),
      new Date('2026-11-26T10:00:00.500Z'),
    );
    assert.deepEqual(again.commands, []);
    assert.equal(again.status, 'Succeeded');
  });

  it('redacts secure inputs in the run history', () => {
    const started = engine.start(startInput(definition()));
    const request = only(started.commands, 'requestAction');
    const done = engine.onActionCompleted(
      started.state,
      completion(request.attemptId, { outputs: { statusCode: 200, headers: {}, body: { greeting: 'hi' } } }),
      new Date('2026-11-26T10:00:00.400Z'),
    );
    const history = engine.history(done.state) as {
      status: string;
      actions: Record<string, { inputs?: unknown }>;
    };
    assert.equal(history.status, 'Succeeded');
    assert.doesNotMatch(JSON.stringify(history.actions['Call']?.inputs), /Ada/);
  });
});
