import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationFailedError } from '@patchbay/platform';
import { parseResolveRequest } from './resolve-request.js';

const valid = {
  connectionName: 'crm-api',
  workflowId: '6f1c2f7e-4a59-4a3e-9a39-8b8f0f2f6c11',
  runId: '0d6f3a4e-8d1e-4b8e-9f7a-2c1b3a4d5e6f',
  actionName: 'Call_CRM',
  namespace: '',
};

describe('parseResolveRequest', () => {
  it("uses the default namespace when proto3 sends ''", () => {
    assert.equal(parseResolveRequest(valid).namespace, 'default');
    assert.equal(parseResolveRequest({ ...valid, namespace: 'team-a' }).namespace, 'team-a');
  });

  it('names every invalid field', () => {
    assert.throws(
      () => parseResolveRequest({ ...valid, workflowId: 'wf', actionName: '' }),
      (error: unknown) =>
        error instanceof ValidationFailedError &&
        error.problems.map((p) => p.path).join(',') === 'request.workflowId,request.actionName',
    );
  });
});
