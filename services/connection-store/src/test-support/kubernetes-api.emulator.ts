import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { issueCertificate, selfSignedCertificate } from '@patchbay/testkit';

/** A service account the emulated API server knows. */
export interface ServiceAccount {
  namespace: string;
  name: string;
  uid: string;
}

/**
 * The one Kubernetes API call Vault's kubernetes auth method makes: `POST
 * /apis/authentication.k8s.io/v1/tokenreviews`, over HTTPS with a CA of its own (made by openssl). It
 * EMULATES the API server (no cluster is available): a token is authenticated when it is one this emulator
 * issued, and the review names its service account. Everything else answers 404.
 */
export class KubernetesApiEmulator {
  readonly reviews: { authenticated: boolean; reviewerAuthorized: boolean }[] = [];
  private readonly issued = new Map<string, ServiceAccount>();
  private readonly signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  private server?: Server;
  caCert = '';
  url = '';
  /** The bearer token Vault presents as its token reviewer (a JWT: Vault checks its shape). */
  reviewerToken = '';

  async start(): Promise<void> {
    const ca = selfSignedCertificate('emulated-kubernetes-ca');
    const { key, cert } = issueCertificate(ca, { commonName: 'kube-apiserver', ipAddress: '127.0.0.1' });
    this.caCert = ca.cert;
    this.server = createServer({ key, cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/apis/authentication.k8s.io/v1/tokenreviews') {
          res.writeHead(404).end();
          return;
        }
        const reviewerAuthorized = req.headers.authorization === `Bearer ${this.reviewerToken}`;
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          spec?: { token?: string; audiences?: string[] };
        };
        const account = reviewerAuthorized ? this.issued.get(body.spec?.token ?? '') : undefined;
        this.reviews.push({ authenticated: account !== undefined, reviewerAuthorized });
        if (!reviewerAuthorized) {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"kind":"Status","code":401}');
          return;
        }
        res.writeHead(201, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            kind: 'TokenReview',
            apiVersion: 'authentication.k8s.io/v1',
            status:
              account === undefined
                ? { authenticated: false, error: 'token not recognised' }
                : {
                    authenticated: true,
                    // The token's audiences that were asked for (all of ours carry the API server's).
                    audiences: body.spec?.audiences ?? [],
                    user: {
                      username: `system:serviceaccount:${account.namespace}:${account.name}`,
                      uid: account.uid,
                      groups: ['system:serviceaccounts', `system:serviceaccounts:${account.namespace}`],
                    },
                  },
          }),
        );
      });
    });
    this.reviewerToken = this.issueToken({
      namespace: 'kube-system',
      name: 'vault-reviewer',
      uid: randomUUID(),
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * A projected service account token (RS256 JWT) for `account`, as the kubelet would mount it. `known: false`
   * makes one of the same shape that the API server does not recognise (a forged or deleted token).
   */
  issueToken(account: ServiceAccount, known = true): string {
    const now = Math.floor(Date.now() / 1_000);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = encode({ alg: 'RS256', kid: 'emulated', typ: 'JWT' });
    const payload = encode({
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: `system:serviceaccount:${account.namespace}:${account.name}`,
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iat: now,
      nbf: now,
      exp: now + 3_600,
      jti: randomUUID(),
      'kubernetes.io': {
        namespace: account.namespace,
        serviceaccount: { name: account.name, uid: account.uid },
      },
    });
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), this.signingKey).toString(
      'base64url',
    );
    const token = `${header}.${payload}.${signature}`;
    if (known) this.issued.set(token, account);
    return token;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) =>
      this.server === undefined ? resolve(undefined) : this.server.close(resolve),
    );
  }
}
