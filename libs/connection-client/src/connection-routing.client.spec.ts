import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import {
  CONNECTION_STORE_PACKAGE,
  CONNECTION_STORE_PROTO,
  CONNECTION_STORE_SERVICE,
  Topics,
  type ConnectionRouting,
  type GetConnectionRoutingRequest,
} from '@patchbay/contracts';
import { ConnectionRoutingClient } from './connection-routing.client.js';
import { ConnectionResolutionError } from './connection-resolution.error.js';

/** A ConnectionStore gRPC server that answers GetConnectionRouting from a table and counts the calls. */
describe('ConnectionRoutingClient (against a gRPC server with a routing table)', () => {
  const table = new Map<string, string>([
    ['plant-db', 'plant-east'],
    ['cloud-api', ''],
  ]);
  const calls: string[] = [];
  /** When set, the server reads its answer at once but sends it only when `release` is called. */
  let hold: { received: () => void; released: Promise<void> } | undefined;
  let server: grpc.Server;
  let target: string;
  let now = 1_000_000;

  before(async () => {
    const definition = protoLoader.loadSync(CONNECTION_STORE_PROTO, { keepCase: false, defaults: true });
    const service = definition[
      `${CONNECTION_STORE_PACKAGE}.${CONNECTION_STORE_SERVICE}`
    ] as grpc.ServiceDefinition satisfies grpc.ServiceDefinition;
    server = new grpc.Server();
    server.addService(service, {
      GetConnectionRouting: (
        call: grpc.ServerUnaryCall<GetConnectionRoutingRequest, ConnectionRouting>,
        callback: grpc.sendUnaryData<ConnectionRouting>,
      ) => {
        calls.push(`${call.request.namespace}/${call.request.name}`);
        const environment = table.get(call.request.name);
        const answer = {
          found: environment !== undefined,
          executionEnvironment: environment ?? '',
          cacheTtlSeconds: 60,
        };
        if (hold === undefined) return callback(null, answer);
        hold.received();
        void hold.released.then(() => callback(null, answer));
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    target = `127.0.0.1:${port}`;
  });
  after(() => server?.forceShutdown());

  const client = (): ConnectionRoutingClient =>
    new ConnectionRoutingClient({ target, timeoutMs: 5_000, now: () => now });

  it('sends a pinned connection to its environment topic, an unpinned one to the contract topic', async () => {
    const routing = client();
    try {
      assert.equal(
        await routing.topicFor(Topics.actionRequested, 'plant-db'),
        'patchbay.action.requested.env.plant-east.v1',
      );
      assert.equal(await routing.topicFor(Topics.actionRequested, 'cloud-api'), Topics.actionRequested);
      assert.equal(
        await routing.topicFor(Topics.triggerPollRequested, undefined),
        Topics.triggerPollRequested,
      );
    } finally {
      routing.close();
    }
  });

  it('asks once per connection while the answer is fresh, again after forgetConnection or the TTL', async () => {
    const routing = client();
    calls.length = 0;
    try {
      const answers = await Promise.all([
        routing.environmentOf('plant-db', 'ops'),
        routing.environmentOf('plant-db', 'ops'),
      ]);
      assert.deepEqual(answers, ['plant-east', 'plant-east']);
      assert.equal(await routing.environmentOf('plant-db', 'ops'), 'plant-east');
      assert.deepEqual(calls, ['ops/plant-db']);

      table.set('plant-db', 'plant-west');
      assert.equal(routing.forgetConnection('ops', 'plant-db'), true);
      assert.equal(await routing.environmentOf('plant-db', 'ops'), 'plant-west');
      assert.equal(calls.length, 2);

      now += 60_000;
      await routing.environmentOf('plant-db', 'ops');
      assert.equal(calls.length, 3);
    } finally {
      table.set('plant-db', 'plant-east');
      routing.close();
    }
  });

  it('does not remember an answer read before a connection.changed that came while it was in flight', async () => {
    const routing = client();
    calls.length = 0;
    let release!: () => void;
    let received!: () => void;
    const asked = new Promise<void>((resolve) => (received = resolve));
    hold = { received, released: new Promise<void>((resolve) => (release = resolve)) };
    try {
      const before = routing.environmentOf('plant-db', 'ops');
      await asked; // the store has read 'plant-east' and has not answered yet
      hold = undefined;
      table.set('plant-db', 'plant-west');
      assert.equal(routing.forgetConnection('ops', 'plant-db'), true);
      release();
      assert.equal(await before, 'plant-east');
      assert.equal(await routing.environmentOf('plant-db', 'ops'), 'plant-west');
      assert.equal(await routing.environmentOf('plant-db', 'ops'), 'plant-west');
      assert.equal(calls.length, 2);
    } finally {
      hold = undefined;
      release();
      table.set('plant-db', 'plant-east');
      routing.close();
    }
  });

  it('does not remember an unknown connection (its creation publishes no event)', async () => {
    const routing = client();
    calls.length = 0;
    try {
      assert.equal(await routing.environmentOf('later'), 'default');
      table.set('later', 'plant-east');
      assert.equal(await routing.environmentOf('later'), 'plant-east');
      assert.deepEqual(calls, ['default/later', 'default/later']);
    } finally {
      table.delete('later');
      routing.close();
    }
  });

  it('fails retryable when connection-store cannot be reached', async () => {
    const routing = new ConnectionRoutingClient({ target: '127.0.0.1:1', timeoutMs: 1_000 });
    try {
      await assert.rejects(
        routing.environmentOf('plant-db'),
        (error: unknown) =>
          error instanceof ConnectionResolutionError &&
          error.code === 'ConnectionStoreUnavailable' &&
          error.retryable,
      );
    } finally {
      routing.close();
    }
  });
});
