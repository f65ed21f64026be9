import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topicRecordingKafka } from './topic-recording-kafka.js';

describe('topicRecordingKafka', () => {
  it('records the topics created through its admin, which lists none', async () => {
    const { kafka, created } = topicRecordingKafka();
    const admin = kafka.admin();
    await admin.connect();
    assert.deepEqual(await admin.listTopics(), []);
    assert.equal(await admin.createTopics({ topics: [{ topic: 'a' }, { topic: 'b' }] }), true);
    await admin.disconnect();
    assert.deepEqual(created, ['a', 'b']);
  });

  it('fails to connect when told to', async () => {
    const { kafka } = topicRecordingKafka(async () => {
      throw new Error('broker unreachable');
    });
    await assert.rejects(kafka.admin().connect(), /broker unreachable/);
  });
});
