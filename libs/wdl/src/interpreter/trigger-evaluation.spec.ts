import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitTriggerResult, triggerConditionsMet } from './trigger-evaluation.js';
import { requestTriggerResult } from './trigger-results.js';
import { WdlInterpreterError } from './interpreter-errors.js';
import type { WorkflowDefinition } from '../definition/index.js';

const definition: WorkflowDefinition = {
  triggers: {
    manual: {
      type: 'Request',
      kind: 'Http',
      splitOn: "@triggerBody()?['Rows']",
      conditions: [{ expression: "@equals(triggerBody()?['Status'], 'Active')" }],
    },
    plain: { type: 'Request', kind: 'Http' },
  },
};
const at = '2024-05-01T08:00:00.000Z';
const result = requestTriggerResult({
  name: 'manual',
  at,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: {
    Status: 'Active',
    Rows: [
      { id: 938109380, name: 'customer-name-one' },
      { id: 938109381, name: 'customer-name-two' },
    ],
  },
});

describe('splitOn', () => {
  it('gives one trigger result per item, each with the item as body (documented example)', () => {
    const split = splitTriggerResult(definition, 'manual', result, { now: at });
    assert.deepEqual(
      split.map((r) => (r.outputs?.['body'] as { name: string }).name),
      ['customer-name-one', 'customer-name-two'],
    );
    assert.deepEqual(split[0]?.outputs?.['headers'], { 'content-type': 'application/json' });
  });

  it('passes the result through when the trigger has no splitOn', () => {
    assert.deepEqual(splitTriggerResult(definition, 'plain', result, { now: at }), [result]);
  });

  it('rejects a splitOn that does not select an array', () => {
    const bad = { ...result, outputs: { body: { Rows: 'x' } } };
    assert.throws(() => splitTriggerResult(definition, 'manual', bad, { now: at }), WdlInterpreterError);
  });
});

describe('trigger conditions', () => {
  it('fires only when every condition holds', () => {
    assert.equal(triggerConditionsMet(definition, 'manual', result, { now: at }), true);
    assert.equal(
      triggerConditionsMet(
        definition,
        'manual',
        { ...result, outputs: { body: { Status: 'Off' } } },
        { now: at },
      ),
      false,
    );
    assert.equal(triggerConditionsMet(definition, 'plain', result, { now: at }), true);
  });
});
