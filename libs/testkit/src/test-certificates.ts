import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PEM certificate and its PEM private key. */
export interface PemPair {
  cert: string;
  key: string;
}

/** What a certificate issued by a test CA is for. */
export interface CertificateRequest {
  commonName: string;
  /** An IP subjectAltName, e.g. 127.0.0.1 for a server the test reaches by address. */
  ipAddress?: string;
  extendedKeyUsage?: 'serverAuth' | 'clientAuth';
}

const VALIDITY = ['-days', '2'];
/** `req` options that make a new unencrypted RSA key in key.pem. */
const NEW_KEY = ['-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem'];

/** Runs `job` with the openssl CLI in a temporary directory that is removed afterwards. */
function inScratchDir<T>(
  job: (openssl: (...args: string[]) => void, file: (name: string) => string) => T,
): T {
  const dir = mkdtempSync(join(tmpdir(), 'pb-certs-'));
  try {
    return job(
      (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }),
      (name) => join(dir, name),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A self-signed RSA certificate (2 days) for `/CN=<commonName>`; also serves as a test CA. */
export function selfSignedCertificate(commonName: string): PemPair {
  return inScratchDir((openssl, file) => {
    const subject = `/CN=${commonName}`;
    openssl('req', '-x509', ...NEW_KEY, '-subj', subject, '-out', 'cert.pem', ...VALIDITY);
    return { cert: readFileSync(file('cert.pem'), 'utf8'), key: readFileSync(file('key.pem'), 'utf8') };
  });
}

/** A certificate (2 days) signed by `ca`, with the subjectAltName and extended key usage asked for. */
export function issueCertificate(ca: PemPair, request: CertificateRequest): PemPair {
  return inScratchDir((openssl, file) => {
    writeFileSync(file('ca.pem'), ca.cert);
    writeFileSync(file('ca.key'), ca.key);
    const extensions = [
      request.ipAddress === undefined ? undefined : `subjectAltName=IP:${request.ipAddress}`,
      request.extendedKeyUsage === undefined ? undefined : `extendedKeyUsage=${request.extendedKeyUsage}`,
    ].filter((line) => line !== undefined);
    writeFileSync(file('cert.ext'), `${extensions.join('\n')}\n`);
    const subject = `/CN=${request.commonName}`;
    openssl('req', ...NEW_KEY, '-subj', subject, '-out', 'cert.csr');
    openssl(
      'x509',
      '-req',
      '-in',
      'cert.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'cert.pem',
      ...VALIDITY,
      '-extfile',
      'cert.ext',
    );
    return { cert: readFileSync(file('cert.pem'), 'utf8'), key: readFileSync(file('key.pem'), 'utf8') };
  });
}

/** A PKCS#12 bundle (base64) of `pair`, opened by `password`. */
export function pkcs12Bundle(pair: PemPair, password: string): string {
  return inScratchDir((openssl, file) => {
    writeFileSync(file('cert.pem'), pair.cert);
    writeFileSync(file('key.pem'), pair.key);
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
      `pass:${password}`,
    );
    return readFileSync(file('bundle.p12')).toString('base64');
  });
}

/** A PEM RSA private key that belongs to no certificate. */
export function rsaPrivateKey(): string {
  return inScratchDir((openssl, file) => {
    openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'key.pem');
    return readFileSync(file('key.pem'), 'utf8');
  });
}
