import { issueCertificate, pkcs12Bundle, selfSignedCertificate } from '@patchbay/testkit';

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
  const ca = selfSignedCertificate('patchbay-test-ca');
  const server = issueCertificate(ca, {
    commonName: '127.0.0.1',
    ipAddress: '127.0.0.1',
    extendedKeyUsage: 'serverAuth',
  });
  const client = issueCertificate(ca, { commonName: 'patchbay-client', extendedKeyUsage: 'clientAuth' });
  return {
    caCert: ca.cert,
    serverCert: server.cert,
    serverKey: server.key,
    clientCert: client.cert,
    clientKey: client.key,
    clientPfx: pkcs12Bundle(client, pfxPassword),
    pfxPassword,
    strangerPfx: pkcs12Bundle(selfSignedCertificate('stranger'), pfxPassword),
  };
}
