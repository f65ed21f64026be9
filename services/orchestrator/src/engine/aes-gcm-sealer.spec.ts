import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { AesGcmSealer } from './aes-gcm-sealer.js';

describe('AesGcmSealer', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('round-trips values and never shows them in the sealed text', () => {
    const sealer = new AesGcmSealer([newKey]);
    const value = { password: 'hunter2-very-secret', n: 3, list: [true, null] };
    const sealed = sealer.seal(value);
    assert.doesNotMatch(sealed, /hunter2/);
    assert.deepEqual(sealer.unseal(sealed), value);
    assert.notEqual(sealer.seal(value), sealed, 'a fresh IV each time');
  });

  it('opens values sealed with an older key after a rotation', () => {
    const sealedBefore = new AesGcmSealer([oldKey]).seal('s3cret');
    const rotated = new AesGcmSealer([newKey, oldKey]);
    assert.equal(rotated.unseal(sealedBefore), 's3cret');
    assert.throws(() => new AesGcmSealer([newKey]).unseal(sealedBefore), /not configured/);
  });

  it('refuses tampered text', () => {
    const sealer = new AesGcmSealer([newKey]);
    const parts = sealer.seal('value').split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 0xff;
    parts[4] = body.toString('base64url');
    assert.throws(() => sealer.unseal(parts.join('.')));
  });

  it('refuses keys of the wrong size', () => {
    assert.throws(() => new AesGcmSealer([randomBytes(16)]), /32 bytes/);
  });
});
