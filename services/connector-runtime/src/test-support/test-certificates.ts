import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private CA, a server certificate for 127.0.0.1 and two client certificates, made by the openssl CLI. */
export interface TestCertificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
  /** Signed by the CA (CN patchbay-client): PEM pair and a PKCS#12 bundle (base64) with `pfxPassword`. */
  clientCert: string;
  clientKey: string;
  clientPfx: string;
  pfxPassword: string;
  /** Self-signed (CN stranger): a server that trusts only the CA refuses it. */
  strangerPfx: string;
}

export function makeTestCertificates(pfxPassword: string): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'pb-mtls-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  try {
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=patchbay-test-ca',
    );
    writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
    writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
    for (const [name, cn] of [
      ['server', '127.0.0.1'],
      ['client', 'patchbay-client'],
    ] as const) {
      openssl(
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        `/CN=${cn}`,
      );
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
      );
    }
    openssl(
      'pkcs12',
      '-export',
      '-inkey',
      'client.key',
      '-in',
      'client.pem',
      '-out',
      'client.p12',
      '-passout',
      `pass:${pfxPassword}`,
    );
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'stranger.key',
      '-out',
      'stranger.pem',
      '-days',
      '2',
      '-subj',
      '/CN=stranger',
    );
    openssl(
      'pkcs12',
      '-export',
      '-inkey',
      'stranger.key',
      '-in',
      'stranger.pem',
      '-out',
      'stranger.p12',
      '-passout',
      `pass:${pfxPassword}`,
    );
    return {
      caCert: read('ca.pem'),
      serverCert: read('server.pem'),
      serverKey: read('server.key'),
      clientCert: read('client.pem'),
      clientKey: read('client.key'),
      clientPfx: readFileSync(join(dir, 'client.p12')).toString('base64'),
      pfxPassword,
      strangerPfx: readFileSync(join(dir, 'stranger.p12')).toString('base64'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
