import { describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import type { ActionCompleted, TriggerFired } from '@patchbay/contracts';
import type { WorkflowDefinition } from '@patchbay/wdl';
import { WdlRunEngine } from './wdl-run-engine.js';
import { AesGcmSealer } from './aes-gcm-sealer.js';
import type { EngineCommand, RunStartInput } from './run-engine.port.js';
import { manualTriggerFired, requestWorkflow } from '../test-support/request-workflow.js';

const RUN_ID = '00000000-0000-4000-8000-000000000001';
const WORKFLOW_ID = '00000000-0000-4000-8000-0000000000aa';

function definition(respondAfter: 'Succeeded' | 'Failed' = 'Succeeded'): WorkflowDefinition {
  return requestWorkflow({
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
  });
}

function trigger(body: unknown): TriggerFired {
  return manualTriggerFired(RUN_ID, WORKFLOW_ID, { headers: { 'content-type': 'application/json' }, body });
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
  const engine = new WdlRunEngine(new AesGcmSealer([randomBytes(32)]));
  const def = definition();

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
      def,
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
      def,
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
      def,
    );
    const again = engine.onActionCompleted(
      done.state,
      completion(request.attemptId, { outputs: { statusCode: 200, headers: {}, body: {} } }),
      new Date('2026-11-26T10:00:00.500Z'),
      def,
    );
    assert.deepEqual(again.commands, []);
    assert.equal(again.status, 'Succeeded');
  });

  it('keeps secure values out of the stored state and the history rows', () => {
    const secured = definition() as unknown as {
      parameters?: unknown;
      actions: Record<string, { inputs: Record<string, unknown> }>;
    };
    secured.parameters = { token: { type: 'SecureString', defaultValue: 'not-this-one' } };
    secured.actions['Call']!.inputs['headers'] = {
      authorization: "@{concat('Bearer ', parameters('token'))}",
    };
    const securedDefinition = secured as unknown as WorkflowDefinition;
    const input = { ...startInput(securedDefinition), parameters: { token: 'tok-very-secret-123' } };
    const started = engine.start(input);
    const request = only(started.commands, 'requestAction');
    // connector-runtime must get the real value to call the target...
    assert.match(JSON.stringify(request.inputs), /tok-very-secret-123/);
    // ...but the state written to Postgres holds it sealed only.
    assert.doesNotMatch(JSON.stringify(started.state), /tok-very-secret-123/);
    const done = engine.onActionCompleted(
      started.state,
      completion(request.attemptId, { outputs: { statusCode: 200, headers: {}, body: { greeting: 'hi' } } }),
      new Date('2026-11-26T10:00:00.400Z'),
      securedDefinition,
    );
    assert.doesNotMatch(JSON.stringify(done.state), /tok-very-secret-123/);
    const rows = done.commands.filter((c) => c.kind === 'actionFinished');
    assert.ok(rows.length >= 2);
    assert.doesNotMatch(JSON.stringify(rows), /tok-very-secret-123/);
  });

  it('redacts secure inputs in the run history', () => {
    const started = engine.start(startInput(definition()));
    const request = only(started.commands, 'requestAction');
    const done = engine.onActionCompleted(
      started.state,
      completion(request.attemptId, { outputs: { statusCode: 200, headers: {}, body: { greeting: 'hi' } } }),
      new Date('2026-11-26T10:00:00.400Z'),
      def,
    );
    const history = engine.snapshot(done.state, def) as {
      status: string;
      actions: Record<string, { inputs?: unknown }>;
    };
    assert.equal(history.status, 'Succeeded');
    assert.doesNotMatch(JSON.stringify(history.actions['Call']?.inputs), /Ada/);
  });

  it('passes runtimeConfiguration.paginationPolicy.minimumItemCount on with the action request', () => {
    const withPolicy = (minimumItemCount: unknown): EngineCommand[] => {
      const def = definition();
      const call = def.actions!['Call']!;
      call.runtimeConfiguration = {
        paginationPolicy: { minimumItemCount },
      } as typeof call.runtimeConfiguration;
      return engine.start(startInput(def)).commands;
    };
    assert.deepEqual(only(withPolicy(250), 'requestAction').pagination, { minimumItemCount: 250 });
    assert.deepEqual(only(withPolicy(500_000), 'requestAction').pagination, { minimumItemCount: 100_000 });
    assert.equal(only(withPolicy("@parameters('n')"), 'requestAction').pagination, undefined);
    assert.equal(
      only(engine.start(startInput(definition())).commands, 'requestAction').pagination,
      undefined,
    );
  });
});
