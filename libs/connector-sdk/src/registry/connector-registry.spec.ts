import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OperationContext } from '../context/operation-context.js';
import { defineConnector, type ConnectorDeclaration } from '../declaration/connector.declaration.js';
import { defineAction, definePollingTrigger } from '../declaration/operation.declaration.js';
import { ConnectorError, InvalidInputsError } from '../errors/connector.error.js';
import { ConnectorDeclarationError, ConnectorRegistry, requireAction } from './connector-registry.js';

interface EchoInputs {
  text: string;
  times: number;
}

function echoConnector(version: string, calls: unknown[] = []): ConnectorDeclaration {
  return defineConnector({
    id: 'echo',
    version,
    kind: 'builtin',
    display: { name: 'Echo' },
    serviceProviderId: '/serviceProviders/Echo',
    connection: 'none',
    connectionParameters: [],
    authTypes: [],
    actions: [
      defineAction<EchoInputs, string>({
        kind: 'action',
        id: 'echo',
        display: { summary: 'Echo text' },
        inputSchema: {
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          properties: {
            text: { type: 'string', minLength: 1 },
            times: { type: 'integer', minimum: 1, default: 1 },
            mode: { enum: ['upper', 'lower'] },
          },
        },
        async execute(_context, inputs) {
          calls.push(inputs);
          return { body: `${version}:${inputs.text.repeat(inputs.times)}` };
        },
      }),
    ],
    triggers: [
      definePollingTrigger<Record<string, never>, number, number>({
        kind: 'pollingTrigger',
        id: 'counter',
        display: { summary: 'Counts' },
        inputSchema: { type: 'object' },
        async poll(_context, _inputs, cursor) {
          const next = (cursor ?? 0) + 1;
          return { items: [next], nextCursor: next };
        },
      }),
    ],
  });
}

const context = {} as OperationContext;

describe('ConnectorRegistry', () => {
  it('keeps versions side by side and answers the highest within a range', async () => {
    const registry = new ConnectorRegistry();
    registry.register(echoConnector('1.0.0'));
    registry.register(echoConnector('1.2.0'));
    registry.register(echoConnector('2.0.0'));
    assert.deepEqual(registry.versions('echo'), ['1.0.0', '1.2.0', '2.0.0']);
    assert.equal(registry.get('echo')?.version, '2.0.0');
    assert.equal(registry.get('echo', '^1')?.version, '1.2.0');
    assert.equal(registry.get('echo', '1.0.0')?.version, '1.0.0');
    assert.equal(registry.get('echo', '^3'), undefined);
    const result = await requireAction(registry.require('echo', '~1.0'), 'echo').execute(context, {
      text: 'a',
    });
    assert.equal(result.body, '1.0.0:a');
  });

  it('finds a connector by its ServiceProvider id, case-insensitively', () => {
    const registry = new ConnectorRegistry();
    registry.register(echoConnector('1.0.0'));
    assert.equal(registry.getByServiceProviderId('/serviceproviders/ECHO')?.id, 'echo');
    assert.equal(registry.getByServiceProviderId('/serviceProviders/sql'), undefined);
  });

  it('validates inputs before the action runs, naming each field, and applies defaults', async () => {
    const calls: unknown[] = [];
    const registry = new ConnectorRegistry();
    const action = requireAction(registry.register(echoConnector('1.0.0', calls)), 'echo');
    await assert.rejects(
      action.execute(context, { times: 0, mode: 'sideways', extra: true }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInputsError);
        assert.equal(error.code, 'InvalidActionInputs');
        assert.equal(error.retryable, false);
        assert.deepEqual(
          error.problems.map((p) => p.path),
          ['/text', '/extra', '/times', '/mode'],
        );
        assert.match(error.message, /\/text is required/);
        assert.match(error.message, /\/mode must be one of "upper", "lower"/);
        return true;
      },
    );
    assert.equal(calls.length, 0, 'the action must not run with invalid inputs');
    const inputs = { text: 'ab' };
    assert.equal((await action.execute(context, inputs)).body, '1.0.0:ab');
    assert.deepEqual(calls, [{ text: 'ab', times: 1 }]);
    assert.deepEqual(inputs, { text: 'ab' }, 'defaults go into a copy, not the caller object');
  });

  it('polls with a cursor', async () => {
    const registry = new ConnectorRegistry();
    const trigger = registry.register(echoConnector('1.0.0')).trigger('counter');
    assert.ok(trigger?.declaration.kind === 'pollingTrigger' && 'poll' in trigger);
    const first = await trigger.poll(context, {}, undefined);
    const second = await trigger.poll(context, {}, first.nextCursor);
    assert.deepEqual([first.items, second.items, second.nextCursor], [[1], [2], 2]);
  });

  it('refuses bad declarations with one problem per field', () => {
    const registry = new ConnectorRegistry();
    registry.register(echoConnector('1.0.0'));
    const bad = echoConnector('1.0.0');
    const duplicateOp = { ...bad.actions[0]!, inputSchema: { type: 'nonsense' } };
    assert.throws(
      () =>
        registry.register({
          ...bad,
          id: 'echo',
          actions: [bad.actions[0]!, duplicateOp],
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConnectorDeclarationError);
        assert.equal(error.problems.length, 3);
        assert.match(error.problems[0]!, /already registered/);
        assert.match(error.problems[1]!, /actions\[1\]\.id: duplicate operation id 'echo'/);
        assert.match(error.problems[2]!, /actions\[1\]\.inputSchema: the schema does not compile/);
        return true;
      },
    );
    assert.throws(
      () => registry.register({ ...bad, version: 'latest' }),
      /'latest' is not a semantic version/,
    );
  });

  it('a missing connector or version is a non-retryable ConnectorError listing what exists', () => {
    const registry = new ConnectorRegistry();
    registry.register(echoConnector('1.0.0'));
    assert.throws(
      () => registry.require('echo', '^2'),
      (error: unknown) =>
        error instanceof ConnectorError &&
        error.code === 'ConnectorNotFound' &&
        !error.retryable &&
        /registered: 1\.0\.0/.test(error.message),
    );
    assert.throws(
      () => requireAction(registry.require('echo'), 'nope'),
      /has no action 'nope' \(actions: echo\)/,
    );
    assert.equal(registry.unregister('echo', '1.0.0'), true);
    assert.throws(() => registry.require('echo'), /connector 'echo' is not registered/);
  });
});
