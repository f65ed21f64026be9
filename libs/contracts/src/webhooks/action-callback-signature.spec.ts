import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actionCallbackPath, signActionCallback, verifyActionCallback } from './action-callback-signature.js';
import { signCallback, verifyCallback } from './callback-signature.js';

describe('action callback URL signatures', () => {
  const run = '0b7e4f3c-1c8e-4f3f-8f0c-3a8d2b9e7c55';

  it('verifies a signature made with the same key, run and callback id', () => {
    const sig = signActionCallback('k1', run, 'cb-1');
    assert.equal(verifyActionCallback(['k1'], run, 'cb-1', sig), true);
    assert.equal(verifyActionCallback(['new', 'k1'], run, 'cb-1', sig), true, 'previous key in a rotation');
  });

  it('refuses another run, callback id or key', () => {
    const sig = signActionCallback('k1', run, 'cb-1');
    assert.equal(verifyActionCallback(['k1'], run, 'cb-2', sig), false);
    assert.equal(verifyActionCallback(['k1'], '6f1c2a5e-8a43-4c4f-9a53-2f1f7f0a9b11', 'cb-1', sig), false);
    assert.equal(verifyActionCallback(['k2'], run, 'cb-1', sig), false);
  });

  it('is not interchangeable with a trigger callback signature', () => {
    // The same three strings a trigger URL signs cannot verify as an action callback, nor the other way round.
    const triggerSig = signCallback('k1', run, 'cb-1', 0);
    assert.equal(verifyActionCallback(['k1'], run, 'cb-1', triggerSig), false);
    const actionSig = signActionCallback('k1', run, 'manual');
    assert.equal(verifyCallback(['k1'], run, 'manual', 0, actionSig), false);
  });

  it('builds the callback path with the signature', () => {
    assert.match(
      actionCallbackPath('k1', run, 'cb-1'),
      new RegExp(`^/api/hooks/runs/${run}/callbacks/cb-1\\?sig=[A-Za-z0-9_-]{43}$`),
    );
  });
});
