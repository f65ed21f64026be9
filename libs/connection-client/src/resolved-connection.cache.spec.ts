import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ResolvedConnectionData } from './resolved-connection.js';
import { ResolvedConnectionCache } from './resolved-connection.cache.js';

const value = (id: string): ResolvedConnectionData => ({
  connectionId: id,
  connectionName: 'crm',
  connectorId: 'http',
  authType: 'none',
  parameters: {},
  secrets: {},
  executionEnvironment: 'default',
});

describe('ResolvedConnectionCache', () => {
  it('keeps an answer for its TTL and not a moment longer', () => {
    let now = 1_000;
    const cache = new ResolvedConnectionCache(10, () => now);
    cache.set('k', value('a'), 60);
    now += 59_999;
    assert.equal(cache.get('k')?.connectionId, 'a');
    now += 1;
    assert.equal(cache.get('k'), undefined);
    assert.equal(cache.size, 0);
  });

  it('does not cache when the store grants no TTL', () => {
    const cache = new ResolvedConnectionCache();
    cache.set('k', value('a'), 0);
    assert.equal(cache.get('k'), undefined);
  });

  it('separates workflows: linked access is per workflow', () => {
    assert.notEqual(
      ResolvedConnectionCache.key('default', 'crm', 'wf-1'),
      ResolvedConnectionCache.key('default', 'crm', 'wf-2'),
    );
  });

  it('evicts the oldest entry when full', () => {
    const cache = new ResolvedConnectionCache(2, () => 0);
    cache.set('a', value('a'), 60);
    cache.set('b', value('b'), 60);
    cache.set('c', value('c'), 60);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('b')?.connectionId, 'b');
    assert.equal(cache.get('c')?.connectionId, 'c');
  });

  it('forgets an entry on request', () => {
    const cache = new ResolvedConnectionCache(2, () => 0);
    cache.set('a', value('a'), 60);
    cache.delete('a');
    assert.equal(cache.get('a'), undefined);
  });

  it('forgets every workflow entry of one connection, and only that connection', () => {
    const cache = new ResolvedConnectionCache(10, () => 0);
    const key = ResolvedConnectionCache.key;
    cache.set(key('default', 'crm', 'wf-1'), value('crm'), 60);
    cache.set(key('default', 'crm', 'wf-2'), value('crm'), 60);
    cache.set(key('default', 'crm-eu', 'wf-1'), value('crm-eu'), 60);
    cache.set(key('other', 'crm', 'wf-1'), value('other'), 60);
    assert.equal(cache.deleteConnection('default', 'crm'), 2);
    assert.equal(cache.get(key('default', 'crm', 'wf-1')), undefined);
    assert.equal(cache.get(key('default', 'crm-eu', 'wf-1'))?.connectionId, 'crm-eu');
    assert.equal(cache.get(key('other', 'crm', 'wf-1'))?.connectionId, 'other');
  });
});
