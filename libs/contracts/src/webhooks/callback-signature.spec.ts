import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callbackPath, signCallback, verifyCallback } from './callback-signature.js';

describe('callback URL signatures', () => {
  const wf = '0b7e4f3c-1c8e-4f3f-8f0c-3a8d2b9e7c55';

  it('verifies a signature made with the same key, trigger and version', () => {
    const sig = signCallback('k1', wf, 'manual', 3);
    assert.equal(verifyCallback(['k1'], wf, 'manual', 3, sig), true);
  });

  it('refuses another version, trigger, workflow or key', () => {
    const sig = signCallback('k1', wf, 'manual', 3);
    assert.equal(verifyCallback(['k1'], wf, 'manual', 4, sig), false);
    assert.equal(verifyCallback(['k1'], wf, 'other', 3, sig), false);
    assert.equal(verifyCallback(['k1'], '6f1c2a5e-8a43-4c4f-9a53-2f1f7f0a9b11', 'manual', 3, sig), false);
    assert.equal(verifyCallback(['k2'], wf, 'manual', 3, sig), false);
  });

  it('accepts the previous platform key during a key rotation', () => {
    const sig = signCallback('old', wf, 'manual', 0);
    assert.equal(verifyCallback(['new', 'old'], wf, 'manual', 0, sig), true);
  });

  it('builds the invoke path with version and signature', () => {
    const path = callbackPath('k1', wf, 'manual', 2);
    assert.match(path, new RegExp(`^/api/hooks/${wf}/triggers/manual/invoke\\?sv=2&sig=[A-Za-z0-9_-]{43}$`));
  });
});
