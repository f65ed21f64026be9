import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contractTopicOf, environmentTopic } from './execution-environments.js';
import { Topics } from './topics.js';

describe('execution environment topics', () => {
  it('keeps the contract topic for the default environment', () => {
    assert.equal(environmentTopic(Topics.actionRequested, 'default'), 'patchbay.action.requested.v1');
  });

  it('puts the environment before the version', () => {
    assert.equal(
      environmentTopic(Topics.actionRequested, 'on-prem-berlin'),
      'patchbay.action.requested.env.on-prem-berlin.v1',
    );
    assert.equal(
      environmentTopic(Topics.triggerPollRequested, 'dmz'),
      'patchbay.trigger.poll.requested.env.dmz.v1',
    );
  });

  it('refuses a name that is not a valid environment', () => {
    assert.throws(
      () => environmentTopic(Topics.actionRequested, 'On_Prem'),
      /'On_Prem' is not 1-40 characters/,
    );
    assert.throws(() => environmentTopic(Topics.actionRequested, '-x'), RangeError);
  });

  it('maps a Kafka topic back to the contract topic whose schema it carries', () => {
    assert.equal(contractTopicOf('patchbay.action.requested.env.dmz.v1'), Topics.actionRequested);
    assert.equal(contractTopicOf('patchbay.trigger.poll.requested.env.a-1.v1'), Topics.triggerPollRequested);
    assert.equal(contractTopicOf(Topics.runEvent), Topics.runEvent);
    assert.equal(contractTopicOf('patchbay.run.event.env.dmz.v1'), undefined);
    assert.equal(contractTopicOf('patchbay.action.requested.env.Bad_Name.v1'), undefined);
    assert.equal(contractTopicOf('orders'), undefined);
  });
});
