import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecureValueSealer } from '@patchbay/wdl';

const VERSION = 'v1';
const IV_BYTES = 12;

interface SealingKey {
  id: string;
  key: Buffer;
}

/** A short, stable name for a key, stored with each sealed value so the right key opens it after a rotation. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

/**
 * Seals the secure values of a run's state (secure parameters, secured inputs and outputs) with AES-256-GCM
 * before the state is stored in Postgres. The first key seals; every key opens what it sealed, so keys rotate
 * by putting a new one first and keeping the old ones until no running run uses them.
 * Sealed text: `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export class AesGcmSealer implements SecureValueSealer {
  private readonly keys: SealingKey[];

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new Error('AesGcmSealer needs at least one key');
    this.keys = keys.map((key) => {
      if (key.length !== 32) throw new Error('each run state key must be 32 bytes (AES-256)');
      return { id: keyId(key), key };
    });
  }

  seal(value: unknown): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const plain = Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    return [
      VERSION,
      id,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      sealed.toString('base64url'),
    ].join('.');
  }

  unseal(text: string): unknown {
    const [version, id, iv, tag, sealed] = text.split('.');
    if (version !== VERSION || sealed === undefined) throw new Error('not a sealed value of this format');
    const key = this.keys.find((k) => k.id === id);
    if (key === undefined) throw new Error(`sealed with key ${id ?? '?'}, which is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv!, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  }
}
