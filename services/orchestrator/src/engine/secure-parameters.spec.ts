import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { WorkflowDefinition } from '@patchbay/wdl';
import { AesGcmSealer } from './aes-gcm-sealer.js';
import {
  HIDDEN_VALUE,
  hideSealedParameters,
  sealSecureParameters,
  unsealParameters,
} from './secure-parameters.js';

describe('secure parameter values at rest', () => {
  const sealer = new AesGcmSealer([randomBytes(32)]);
  const definition = {
    parameters: {
      apiKey: { type: 'SecureString' },
      settings: { type: 'secureobject' },
      region: { type: 'String' },
    },
  } as unknown as WorkflowDefinition;
  const values = { apiKey: 'key-very-secret', settings: { password: 'pw-very-secret' }, region: 'eu' };

  it('seals only secure parameters, and the stored form holds no secret', () => {
    const stored = sealSecureParameters(definition, values, sealer);
    assert.equal(stored['region'], 'eu');
    assert.doesNotMatch(JSON.stringify(stored), /very-secret/);
    assert.deepEqual(unsealParameters(stored, sealer), values);
  });

  it('shows sealed values as *** in API answers', () => {
    const shown = hideSealedParameters(sealSecureParameters(definition, values, sealer));
    assert.deepEqual(shown, { apiKey: HIDDEN_VALUE, settings: HIDDEN_VALUE, region: 'eu' });
  });

  it('does not seal a value twice', () => {
    const once = sealSecureParameters(definition, values, sealer);
    assert.deepEqual(sealSecureParameters(definition, once, sealer), once);
  });
});
