import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EgressPolicy } from '@patchbay/egress';
import { BrokerEgress, brokerAddress, KafkaBrokerEgressError } from './broker-egress.js';

describe('Kafka trigger brokers under the egress rules', () => {
  const lookup = (host: string) =>
    host === 'kafka.example.com'
      ? Promise.resolve([{ address: '203.0.113.9', family: 4 }])
      : Promise.reject(Object.assign(new Error('no such host'), { code: 'ENOTFOUND' }));

  it('reads host:port and [ipv6]:port broker entries', () => {
    assert.deepEqual(brokerAddress('kafka.example.com:9093'), { host: 'kafka.example.com', port: 9093 });
    assert.deepEqual(brokerAddress('[::1]:9092'), { host: '[::1]', port: 9092 });
    assert.equal(brokerAddress('kafka.example.com'), undefined);
    assert.equal(brokerAddress('kafka:99999'), undefined);
  });

  it('lets public brokers through and refuses private ones by default, naming the rule', async () => {
    const egress = new BrokerEgress(new EgressPolicy([]), lookup);
    assert.deepEqual(await egress.check('default', 'kafka.example.com', 9092), {
      outcome: 'allowed',
      host: 'kafka.example.com',
      address: '203.0.113.9',
      family: 4,
      port: 9092,
    });
    await assert.rejects(
      egress.checkAll('default', ['kafka.example.com:9092', '10.0.0.5:9092']),
      (error: unknown) =>
        error instanceof KafkaBrokerEgressError &&
        error.code === 'EgressDenied' &&
        /Kafka broker 10\.0\.0\.5:9092 .* egress rule 'default-deny-private'/.test(error.message),
    );
    await assert.rejects(
      egress.checkAll('default', ['nowhere.example:9092']),
      (error: unknown) =>
        error instanceof KafkaBrokerEgressError &&
        error.code === 'BrokerUnresolvable' &&
        /ENOTFOUND/.test(error.message),
    );
  });

  it('applies rules by the workflow namespace', async () => {
    const egress = new BrokerEgress(
      new EgressPolicy([
        { name: 'team-a-kafka', effect: 'allow', namespaces: ['team-a'], cidrs: ['10.0.0.0/8'] },
      ]),
      lookup,
    );
    assert.equal((await egress.check('team-a', '10.0.0.5', 9092)).address, '10.0.0.5');
    await assert.rejects(egress.check('team-b', '10.0.0.5', 9092), KafkaBrokerEgressError);
  });
});
