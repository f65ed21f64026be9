import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { replay, runScripted, workflow } from './test-support/scripted-run.js';
import { step } from './run-interpreter.js';
import { WdlInterpreterError } from './interpreter-errors.js';
import { runSnapshot } from './run-snapshot.js';
import { isSealedValue, type SecureValueSealer } from './secure-sealing.js';
import type { ScriptedConnector } from './test-support/scripted-run.js';

/** What a caller would plug in: AES-256-GCM over the JSON text, a fresh IV per value. */
function aesSealer(key: Buffer): SecureValueSealer {
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
    },
    unseal(sealed) {
      const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
      const decipher = createDecipheriv('aes-256-gcm', key, iv as Buffer);
      decipher.setAuthTag(tag as Buffer);
      return JSON.parse(
        Buffer.concat([decipher.update(data as Buffer), decipher.final()]).toString('utf8'),
      ) as unknown;
    },
  };
}

const sealer = aesSealer(randomBytes(32));

const definition = {
  ...workflow(
    {
      Login: {
        type: 'Http',
        inputs: { method: 'POST', uri: 'http://idp.test/token', body: { secret: "@parameters('secret')" } },
        runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
        runAfter: {},
      },
      Use: {
        type: 'Compose',
        inputs: {
          tokenLength: "@length(body('Login')?['token'])",
          pinLength: "@length(triggerBody()?['pin'])",
          keyLength: "@length(parameters('apiKeys')?['primary'])",
        },
        runAfter: { Login: ['Succeeded'] },
      },
    },
    {
      parameters: {
        secret: { type: 'SecureString' },
        apiKeys: { type: 'secureobject' },
      },
    },
  ),
  triggers: {
    manual: {
      type: 'Request',
      kind: 'Http',
      inputs: { schema: {} },
      runtimeConfiguration: { secureData: { properties: ['outputs'] } },
    },
  },
};

const trigger = { name: 'manual', outputs: { headers: {}, body: { pin: 'p1n-4242' } } };
const loginAnswer: ScriptedConnector = () => ({
  status: 'Succeeded',
  outputs: { statusCode: 200, body: { token: 't0ken-abcdef' } },
});
// Supplied at start: a definition's defaultValue is not secret (it sits in the definition itself).
const parameters = { secret: 's3cr3t-param', apiKeys: { primary: 'k3y-primary' } };
const SECRETS = ['s3cr3t-param', 'k3y-primary', 'p1n-4242', 't0ken-abcdef'];

describe('sealer: secure values in the stored state', () => {
  const run = runScripted(definition, trigger, loginAnswer, { sealer, parameters });

  it('keeps no secure value in clear in any state it returns', () => {
    assert.equal(run.state.status, 'Succeeded');
    const stored = JSON.stringify(run.state);
    for (const secret of SECRETS) assert.ok(!stored.includes(secret), `${secret} is in the state`);
    assert.ok(isSealedValue(run.state.parameters['secret']));
    assert.ok(isSealedValue(run.state.parameters['apiKeys']));
    assert.ok(isSealedValue(run.state.trigger.outputs));
    assert.ok(isSealedValue(run.state.actions['Login']?.result.inputs));
    assert.ok(isSealedValue(run.state.actions['Login']?.result.outputs));
  });

  it('still gives actions and connectors the real values', () => {
    assert.deepEqual(run.calls[0]?.inputs, {
      method: 'POST',
      uri: 'http://idp.test/token',
      body: { secret: 's3cr3t-param' },
    });
    assert.deepEqual(run.state.actions['Use']?.result.outputs, {
      tokenLength: 12,
      pinLength: 8,
      keyLength: 11,
    });
  });

  it('replays to the same run (sealed texts may differ)', () => {
    const again = replay(definition, trigger, run.events, { sealer, parameters });
    assert.deepEqual(runSnapshot(again.state), runSnapshot(run.state));
    assert.deepEqual(again.commands, run.commands);
  });

  it('works with the definition kept outside the state', () => {
    const outside = runScripted(definition, trigger, loginAnswer, {
      sealer,
      parameters,
      storeDefinition: false,
    });
    assert.equal(outside.state.definition, undefined);
    assert.deepEqual(outside.state.actions['Use']?.result.outputs, run.state.actions['Use']?.result.outputs);
    const stored = JSON.stringify(outside.state);
    for (const secret of SECRETS) assert.ok(!stored.includes(secret), `${secret} is in the state`);
  });

  it('refuses to step a sealed state without the sealer', () => {
    const started = runScripted(definition, trigger, () => 'pending', { sealer, parameters });
    const call = started.calls[0];
    assert.ok(call !== undefined);
    assert.throws(
      () =>
        step(started.state, {
          type: 'actionCompleted',
          commandId: call.commandId,
          at: started.state.now,
          status: 'Succeeded',
        }),
      (e: unknown) => e instanceof WdlInterpreterError && e.code === 'SealerRequired',
    );
  });

  it('fails the reading action when a value cannot be unsealed, without the sealer message', () => {
    const broken: SecureValueSealer = {
      seal: sealer.seal,
      unseal: () => {
        throw new Error('key k-1 rejected s3cr3t-param');
      },
    };
    const failed = runScripted(definition, trigger, loginAnswer, { sealer: broken, parameters });
    const login = failed.state.actions['Login']?.result;
    assert.equal(login?.status, 'Failed');
    assert.match(login?.error?.message ?? '', /could not be unsealed/);
    assert.ok(!JSON.stringify(failed.state).includes('s3cr3t-param'));
  });
});
