import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callbackPath, type WorkflowChanged } from '@patchbay/contracts';
import {
  announce,
  FiredCollector,
  kafkaOf,
  registered,
  resolveInfrastructure,
  SIGNING_KEY,
  startService,
  waitFor,
  workflowChange,
  type RunningService,
} from '../test-support/trigger-ingestion.harness.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe('webhook intake against real Kafka', () => {
  let service: RunningService;
  let collector: FiredCollector;
  const orders = workflowChange([
    {
      name: 'manual',
      type: 'Request',
      kind: 'Http',
      operationOptions: 'EnableSchemaValidation',
      inputs: {
        method: 'POST',
        relativePath: '/orders/{orderId}/lines/{line}',
        schema: {
          type: 'object',
          properties: { qty: { type: 'integer' }, sku: { type: 'string' } },
          required: ['qty', 'sku'],
        },
      },
    },
  ]);
  // Same schema without EnableSchemaValidation: as in Logic Apps, the schema is not enforced.
  const lenient = workflowChange([
    {
      name: 'manual',
      type: 'Request',
      kind: 'Http',
      inputs: { method: 'POST', schema: { type: 'object', required: ['qty'] } },
    },
  ]);
  const split = workflowChange([
    { name: 'batch', type: 'Request', kind: 'Http', splitOn: "@triggerBody()?['rows']" },
  ]);
  const guarded = workflowChange([{ name: 'manual', type: 'Request', kind: 'Http' }], {
    accessControl: { triggers: { allowedCallerIpAddresses: [{ addressRange: '10.0.0.0/8' }] } },
  });
  const open = workflowChange([{ name: 'manual', type: 'Request', kind: 'Http' }], {
    accessControl: { triggers: { allowedCallerIpAddresses: [{ addressRange: '127.0.0.0/8' }] } },
  });
  const disabled = workflowChange([{ name: 'manual', type: 'Request', kind: 'Http' }], { state: 'Disabled' });
  const all = [orders, lenient, split, guarded, open, disabled];

  before(async () => {
    const infra = await resolveInfrastructure();
    service = await startService(infra);
    collector = new FiredCollector(kafkaOf(infra), new Set(all.map((w) => w.workflowId)));
    await collector.start();
    for (const change of all) await announce(service.publisher, change);
    for (const change of all) await registered(service, change);
  });

  after(async () => {
    await collector?.stop();
    await service?.close();
  });

  async function call(
    workflow: WorkflowChanged,
    trigger: string,
    extraPath: string,
    body: string | undefined,
    contentType = 'application/json',
  ): Promise<Answer> {
    const [path, query] = callbackPath(SIGNING_KEY, workflow.workflowId, trigger, 0).split('?');
    const response = await fetch(`${service.baseUrl}${path}${extraPath}?${query}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': contentType },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    };
  }

  it('passes relativePath parameters to the run and refuses paths that do not fit', async () => {
    const ok = await call(orders, 'manual', '/orders/A-17/lines/2', JSON.stringify({ qty: 3, sku: 'x' }));
    assert.equal(ok.status, 202);
    const runId = ok.body.runId as string;
    const event = await waitFor(() => collector.of(orders.workflowId).find((e) => e.runId === runId), {
      timeoutMs: 20_000,
      description: 'the trigger.fired event',
    });
    assert.deepEqual(event.outputs.relativePathParameters, { orderId: 'A-17', line: '2' });
    assert.deepEqual(event.outputs.body, { qty: 3, sku: 'x' });
    assert.equal(event.method, 'POST');

    const wrong = await call(orders, 'manual', '/orders/A-17', JSON.stringify({ qty: 3, sku: 'x' }));
    assert.equal(wrong.status, 404);
    assert.deepEqual(wrong.body.error, {
      code: 'PATH_NOT_FOUND',
      message:
        "The path '/orders/A-17' does not match the trigger's relativePath '/orders/{orderId}/lines/{line}'.",
      problems: [],
    });
  });

  it('answers 400 naming each schema problem, 415 for a non-JSON body, 400 for malformed JSON', async () => {
    const invalid = await call(orders, 'manual', '/orders/1/lines/1', JSON.stringify({ qty: 'three' }));
    assert.equal(invalid.status, 400);
    const error = invalid.body.error as { code: string; problems: { path: string; message: string }[] };
    assert.equal(error.code, 'BODY_SCHEMA_VIOLATION');
    assert.deepEqual(
      error.problems.map((p) => `${p.path}: ${p.message}`),
      ["body/sku: must have required property 'sku'", 'body/qty: must be integer'],
    );

    const unchecked = await call(lenient, 'manual', '', JSON.stringify({ sku: 'no qty' }));
    assert.equal(unchecked.status, 202, 'without EnableSchemaValidation the schema is not enforced');

    const text = await call(orders, 'manual', '/orders/1/lines/1', 'qty=3', 'text/plain');
    assert.equal(text.status, 415);
    assert.equal((text.body.error as { code: string }).code, 'UNSUPPORTED_MEDIA_TYPE');

    const malformed = await call(orders, 'manual', '/orders/1/lines/1', '{"qty": 3,');
    assert.equal(malformed.status, 400);
    assert.match(JSON.stringify(malformed.body), /MALFORMED_JSON/);
    assert.match(JSON.stringify(malformed.body), /not valid JSON/);
  });

  it('refuses callers outside the allowed IP ranges and accepts those inside', async () => {
    const refused = await call(guarded, 'manual', '', '{}');
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body.error, {
      code: 'CALLER_NOT_ALLOWED',
      message: `Caller address 127.0.0.1 is not in the allowed caller IP ranges of workflow '${guarded.name}'.`,
      problems: [],
    });
    const accepted = await call(open, 'manual', '', '{}');
    assert.equal(accepted.status, 202);
  });

  it('starts one run per splitOn item and answers 202 listing them', async () => {
    const answer = await call(split, 'batch', '', JSON.stringify({ rows: [{ n: 1 }, { n: 2 }, { n: 3 }] }));
    assert.equal(answer.status, 202);
    const runs = answer.body.runs as { runId: string }[];
    assert.equal(runs.length, 3);
    const events = await waitFor(
      () => (collector.of(split.workflowId).length === 3 ? collector.of(split.workflowId) : undefined),
      { timeoutMs: 20_000, description: 'three split runs' },
    );
    assert.deepEqual(
      events.map((e) => e.outputs.body).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [{ n: 1 }, { n: 2 }, { n: 3 }],
    );
    assert.deepEqual(new Set(events.map((e) => e.runId)), new Set(runs.map((r) => r.runId)));
  });

  it('says a disabled workflow is disabled', async () => {
    const answer = await call(disabled, 'manual', '', '{}');
    assert.equal(answer.status, 409);
    assert.equal((answer.body.error as { code: string }).code, 'WORKFLOW_DISABLED');
  });

  it('started nothing for any refused call', async () => {
    await collector.drain();
    assert.equal(collector.of(orders.workflowId).length, 1);
    assert.equal(collector.of(guarded.workflowId).length, 0);
    assert.equal(collector.of(open.workflowId).length, 1);
    assert.equal(collector.of(disabled.workflowId).length, 0);
  });
});
