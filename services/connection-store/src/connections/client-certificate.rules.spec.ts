import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { pkcs12Bundle, rsaPrivateKey, selfSignedCertificate } from '@patchbay/testkit';
import { clientCertificateProblems } from './client-certificate.rules.js';

/** Certificates made by the openssl CLI for the test (a key, its certificate, a PKCS#12 bundle of both). */
describe('client certificate rules', () => {
  let cert: string;
  let key: string;
  let otherKey: string;
  let pfx: string;

  before(() => {
    ({ cert, key } = selfSignedCertificate('patchbay-client'));
    otherKey = rsaPrivateKey();
    pfx = pkcs12Bundle({ cert, key }, 'bundle-pw');
  });

  it('accepts a PKCS#12 bundle with its password, and PEM certificate + key', () => {
    assert.deepEqual(clientCertificateProblems({}, { pfx, password: 'bundle-pw' }, 'body'), []);
    assert.deepEqual(clientCertificateProblems({ certificate: cert }, { privateKey: key }, 'body'), []);
  });

  it('names the field that is wrong, never the secret', () => {
    const wrongPassword = clientCertificateProblems({}, { pfx, password: 'nope' }, 'body');
    assert.deepEqual(
      wrongPassword.map((p) => [p.path, p.message, p.found]),
      [['body.secrets.password', 'does not open the PKCS#12 bundle', 'a string']],
    );
    assert.equal(clientCertificateProblems({}, { pfx: 'not base64!' }, 'body')[0]!.path, 'body.secrets.pfx');
    assert.deepEqual(
      clientCertificateProblems({ certificate: cert }, { privateKey: otherKey }, 'body').map(
        (p) => p.message,
      ),
      ['does not belong to parameters.certificate'],
    );
    assert.deepEqual(
      clientCertificateProblems({ certificate: 'hello' }, { privateKey: key }, 'body').map((p) => p.path),
      ['body.parameters.certificate'],
    );
    assert.deepEqual(
      clientCertificateProblems({}, {}, 'body').map((p) => p.path),
      ['body.secrets.pfx'],
    );
  });
});
