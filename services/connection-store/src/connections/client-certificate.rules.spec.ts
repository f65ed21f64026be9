import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clientCertificateProblems } from './client-certificate.rules.js';

/** Certificates made by the openssl CLI for the test (a key, its certificate, a PKCS#12 bundle of both). */
describe('client certificate rules', () => {
  let dir: string;
  let cert: string;
  let key: string;
  let otherKey: string;
  let pfx: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-cert-'));
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'key.pem',
      '-out',
      'cert.pem',
      '-days',
      '2',
      '-subj',
      '/CN=patchbay-client',
    );
    openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'other.pem');
    openssl(
      'pkcs12',
      '-export',
      '-inkey',
      'key.pem',
      '-in',
      'cert.pem',
      '-out',
      'bundle.p12',
      '-passout',
      'pass:bundle-pw',
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    key = readFileSync(join(dir, 'key.pem'), 'utf8');
    otherKey = readFileSync(join(dir, 'other.pem'), 'utf8');
    pfx = readFileSync(join(dir, 'bundle.p12')).toString('base64');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

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
