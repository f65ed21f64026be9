import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { createSecureContext } from 'node:tls';
import { issueCertificate, pkcs12Bundle, rsaPrivateKey, selfSignedCertificate } from './test-certificates.js';

describe('test certificates (openssl CLI)', () => {
  const ca = selfSignedCertificate('testkit-ca');

  it('makes a self-signed certificate with its key', () => {
    const cert = new X509Certificate(ca.cert);
    assert.equal(cert.subject, 'CN=testkit-ca');
    assert.equal(cert.issuer, 'CN=testkit-ca');
    assert.equal(cert.checkPrivateKey(createPrivateKey(ca.key)), true);
  });

  it('issues a certificate signed by the CA with the IP address and key usage asked for', () => {
    const server = issueCertificate(ca, {
      commonName: '127.0.0.1',
      ipAddress: '127.0.0.1',
      extendedKeyUsage: 'serverAuth',
    });
    const cert = new X509Certificate(server.cert);
    assert.equal(cert.subject, 'CN=127.0.0.1');
    assert.equal(cert.verify(createPublicKey(ca.cert)), true);
    assert.equal(cert.checkIP('127.0.0.1'), '127.0.0.1');
    assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
    assert.equal(cert.checkPrivateKey(createPrivateKey(server.key)), true);
  });

  it('bundles a pair as PKCS#12 and makes a key of no certificate', () => {
    const pfx = Buffer.from(pkcs12Bundle(ca, 'pw'), 'base64');
    assert.doesNotThrow(() => createSecureContext({ pfx, passphrase: 'pw' }));
    assert.throws(() => createSecureContext({ pfx, passphrase: 'other' }));
    const other = rsaPrivateKey();
    assert.equal(new X509Certificate(ca.cert).checkPrivateKey(createPrivateKey(other)), false);
  });
});
