import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runScripted, workflow } from './test-support/scripted-run.js';
import { SECURED_CONTENT_MARKER } from './secure-data.js';
import { actionHistory, runSnapshot } from './run-snapshot.js';
import type { RecordActionResultCommand } from './interpreter-commands.js';

describe('secure inputs and outputs', () => {
  const definition = workflow(
    {
      Login: {
        type: 'Http',
        inputs: { method: 'POST', uri: 'http://idp.test/token', body: { secret: "@parameters('secret')" } },
        runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
        runAfter: {},
      },
      Use: { type: 'Compose', inputs: "@body('Login')?['token']", runAfter: { Login: ['Succeeded'] } },
    },
    { parameters: { secret: { type: 'securestring', defaultValue: 's3cr3t' } } },
  );
  const run = runScripted(definition, undefined, () => ({
    status: 'Succeeded',
    outputs: { statusCode: 200, body: { token: 'tok-1' } },
  }));

  it('sends the real inputs to the connector, flagged secure', () => {
    assert.deepEqual(run.calls[0]?.inputs, {
      method: 'POST',
      uri: 'http://idp.test/token',
      body: { secret: 's3cr3t' },
    });
    assert.equal(run.calls[0]?.secureInputs, true);
    assert.equal(run.calls[0]?.secureOutputs, true);
  });

  it('lets later actions read the secured outputs', () => {
    assert.equal(run.state.actions['Use']?.result.outputs, 'tok-1');
  });

  it('redacts history records, snapshots and the action history', () => {
    const record = run.commands.find(
      (c): c is RecordActionResultCommand => c.type === 'recordActionResult' && c.result.name === 'Login',
    );
    assert.equal(record?.result.inputs, SECURED_CONTENT_MARKER);
    assert.equal(record?.result.outputs, SECURED_CONTENT_MARKER);
    assert.equal(runSnapshot(run.state).actions['Login']?.outputs, SECURED_CONTENT_MARKER);
    assert.equal(
      actionHistory(run.state).find((e) => e.name === 'Login')?.result.inputs,
      SECURED_CONTENT_MARKER,
    );
    assert.ok(
      !JSON.stringify(run.commands.filter((c) => c.type === 'recordActionResult')).includes('s3cr3t'),
    );
  });
});
