import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkflowDefinition } from '@patchbay/wdl';
import { secureTriggerParameterProblems, triggerSpecs } from './workflow-triggers.js';

const definition = (triggers: Record<string, unknown>): WorkflowDefinition =>
  ({
    parameters: {
      table: { type: 'String', defaultValue: 'orders' },
      every: { type: 'Int', defaultValue: 5 },
      unused: { type: 'String', defaultValue: 'x' },
      apiKey: { type: 'SecureString' },
    },
    triggers,
    actions: {},
  }) as unknown as WorkflowDefinition;

describe('trigger specs and workflow parameters', () => {
  it('carries the values of the parameters each trigger reads: deployed values over defaults', () => {
    const [poll, schedule] = triggerSpecs(
      definition({
        poll: {
          type: 'ApiConnection',
          inputs: { path: "/rows/@{parameters('table')}" },
          conditions: [{ expression: "@equals(parameters('every'), 5)" }],
        },
        schedule: { type: 'Recurrence', recurrence: { frequency: 'Minute', interval: 1 } },
      }),
      {},
      { table: 'invoices', apiKey: { $sealed: 'opaque' } },
    );
    assert.deepEqual(poll!.parameters, { table: 'invoices', every: 5 });
    assert.equal(schedule!.parameters, undefined, 'a trigger that reads none carries none');
  });

  it('never carries secure parameters, even for a computed name', () => {
    const [dynamic] = triggerSpecs(
      definition({
        dynamic: { type: 'ApiConnection', inputs: { path: "@parameters(concat('ta', 'ble'))" } },
      }),
      {},
      { apiKey: { $sealed: 'opaque' } },
    );
    assert.deepEqual(dynamic!.parameters, { table: 'orders', every: 5, unused: 'x' });
  });

  it('refuses a trigger that reads a secure parameter, naming trigger and parameter', () => {
    const problems = secureTriggerParameterProblems(
      definition({
        ok: { type: 'Recurrence', recurrence: { frequency: "@parameters('table')", interval: 1 } },
        leaky: { type: 'ApiConnection', inputs: { headers: { key: "@parameters('apiKey')" } } },
      }),
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.path, '$.triggers.leaky');
    assert.match(problems[0]!.message, /Trigger 'leaky' reads secure parameter 'apiKey'/);
  });
});
