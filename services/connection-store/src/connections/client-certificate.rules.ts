import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { FieldProblem } from '@patchbay/platform';
import { describeFound } from '../validation/field-problems.js';

const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/;

/**
 * A client-certificate connection holds either a PKCS#12 bundle (`secrets.pfx`, base64, optional
 * `secrets.password`) or a PEM certificate (`parameters.certificate`, not secret) with its PEM private key
 * (`secrets.privateKey`, optional `secrets.passphrase`). The material is opened here, so a wrong password or a
 * key that does not belong to the certificate is refused at once; messages never echo secret values.
 */
export function clientCertificateProblems(
  parameters: Record<string, unknown>,
  secrets: Record<string, string>,
  root: string,
): FieldProblem[] {
  const pfx = secrets.pfx;
  const key = secrets.privateKey;
  const certificate = parameters.certificate;
  if (pfx !== undefined && (key !== undefined || certificate !== undefined))
    return [
      {
        path: `${root}.secrets.pfx`,
        message: 'cannot be combined with certificate/privateKey',
        expected: 'either secrets.pfx or parameters.certificate with secrets.privateKey',
        found: 'both',
      },
    ];
  if (pfx !== undefined) return pfxProblems(pfx, secrets.password, root);
  if (key !== undefined || certificate !== undefined)
    return pemProblems(certificate, key, secrets.passphrase, root);
  return [
    {
      path: `${root}.secrets.pfx`,
      message:
        "is required for authType 'clientCertificate' (or parameters.certificate with secrets.privateKey)",
      expected: 'a base64 PKCS#12 bundle',
      found: 'nothing',
    },
  ];
}

function pfxProblems(pfx: string, password: string | undefined, root: string): FieldProblem[] {
  if (!BASE64.test(pfx))
    return [
      {
        path: `${root}.secrets.pfx`,
        message: 'is not base64',
        expected: 'a base64 PKCS#12 bundle',
        found: 'a string',
      },
    ];
  try {
    createSecureContext({
      pfx: Buffer.from(pfx, 'base64'),
      ...(password === undefined ? {} : { passphrase: password }),
    });
    return [];
  } catch (error) {
    const wrongPassword = /mac verify|password|decrypt/i.test((error as Error).message);
    return [
      wrongPassword
        ? {
            path: `${root}.secrets.password`,
            message:
              password === undefined
                ? 'is required: the bundle is encrypted'
                : 'does not open the PKCS#12 bundle',
            expected: 'the bundle password',
            found: describeFound(password, true),
          }
        : {
            path: `${root}.secrets.pfx`,
            message: 'is not a PKCS#12 bundle with a certificate and its key',
            expected: 'a base64 PKCS#12 bundle',
            found: 'a string',
          },
    ];
  }
}

function pemProblems(
  certificate: unknown,
  key: string | undefined,
  passphrase: string | undefined,
  root: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  let x509: X509Certificate | undefined;
  if (typeof certificate !== 'string')
    problems.push({
      path: `${root}.parameters.certificate`,
      message: 'is required with secrets.privateKey',
      expected: 'a PEM certificate (-----BEGIN CERTIFICATE-----)',
      found: describeFound(certificate, false),
    });
  else {
    try {
      x509 = new X509Certificate(certificate);
    } catch {
      problems.push({
        path: `${root}.parameters.certificate`,
        message: 'is not a PEM certificate',
        expected: 'a PEM certificate (-----BEGIN CERTIFICATE-----)',
        found: 'a string',
      });
    }
  }
  if (key === undefined) {
    problems.push({
      path: `${root}.secrets.privateKey`,
      message: 'is required with parameters.certificate',
      expected: 'the PEM private key of the certificate',
      found: 'nothing',
    });
    return problems;
  }
  let privateKey: ReturnType<typeof createPrivateKey> | undefined;
  try {
    privateKey = createPrivateKey({
      key,
      format: 'pem',
      ...(passphrase === undefined ? {} : { passphrase }),
    });
  } catch (error) {
    const encrypted = /passphrase|decrypt|bad decrypt/i.test((error as Error).message);
    problems.push(
      encrypted
        ? {
            path: `${root}.secrets.passphrase`,
            message:
              passphrase === undefined
                ? 'is required: the private key is encrypted'
                : 'does not decrypt the private key',
            expected: 'the private key passphrase',
            found: describeFound(passphrase, true),
          }
        : {
            path: `${root}.secrets.privateKey`,
            message: 'is not a PEM private key',
            expected: 'a PEM private key (-----BEGIN PRIVATE KEY-----)',
            found: 'a string',
          },
    );
  }
  if (x509 !== undefined && privateKey !== undefined && !x509.checkPrivateKey(privateKey))
    problems.push({
      path: `${root}.secrets.privateKey`,
      message: 'does not belong to parameters.certificate',
      expected: 'the private key of the certificate',
      found: 'another key',
    });
  return problems;
}
