import { readFile } from 'node:fs/promises';
import type nodeVault from 'node-vault';
import type { Logger } from 'pino';
import { VaultRequestError, VaultUnavailableError } from './vault-errors.js';

/** How connection-store authenticates to Vault (VAULT_AUTH_METHOD). */
export type VaultAuthConfig =
  | { method: 'token'; token: string }
  | {
      method: 'kubernetes';
      role: string;
      /** Mount path of the Kubernetes auth method, e.g. `kubernetes`. */
      mount: string;
      /** The pod's service account token (projected), read again at every login. */
      tokenPath: string;
    }
  | { method: 'approle'; roleId: string; secretId: string; mount: string };

interface LoginAnswer {
  auth?: { lease_duration?: unknown; renewable?: unknown };
}

/**
 * Logs in (Kubernetes or AppRole) and keeps the token alive: node-vault renews it at 80 % of its TTL
 * (`auth/token/renew-self`); when it can no longer be renewed (max TTL reached, renewal refused) the
 * authenticator logs in again. A static token (method `token`) is renewed while it is renewable; it cannot be
 * replaced, so a failed renewal is only logged. Errors carry no token.
 */
export class VaultAuthenticator {
  private stopped = false;
  private relogin?: Promise<void>;

  constructor(
    private readonly client: nodeVault.client,
    private readonly config: VaultAuthConfig,
    private readonly logger: Logger,
  ) {
    client.on('token:expired', () => this.onTokenLost('expired'));
    client.on('token:error:renew', () => this.onTokenLost('renewal failed'));
    client.on('token:renewed', () => this.logger.debug('Vault token renewed'));
  }

  get method(): VaultAuthConfig['method'] {
    return this.config.method;
  }

  /**
   * Gets a token and schedules its renewal. Kubernetes and AppRole logins must succeed (the service cannot
   * work without a token); a static token is looked up in the background, so a Vault outage at boot does
   * not stop the service (readiness reports it).
   */
  async start(): Promise<void> {
    if (this.config.method === 'token') {
      this.client.token = this.config.token;
      this.client.startTokenRenewal().catch((error: unknown) => {
        this.logger.warn({ reason: describe(error) }, 'could not look up the Vault token; not renewing it');
      });
      return;
    }
    await this.login();
  }

  /** Renews the current token now (`auth/token/renew-self`). */
  async renewNow(): Promise<void> {
    try {
      await this.client.tokenRenewSelf();
    } catch (error) {
      throw new VaultUnavailableError(`Vault token renewal failed (${describe(error)})`);
    }
  }

  stop(): void {
    this.stopped = true;
    this.client.stopTokenRenewal();
  }

  private async login(): Promise<void> {
    let answer: LoginAnswer;
    try {
      if (this.config.method === 'kubernetes') {
        const jwt = (await readFile(this.config.tokenPath, 'utf8')).trim();
        answer = (await this.client.kubernetesLogin({
          role: this.config.role,
          jwt,
          mount_point: this.config.mount,
        })) as LoginAnswer;
      } else if (this.config.method === 'approle') {
        answer = (await this.client.approleLogin({
          role_id: this.config.roleId,
          secret_id: this.config.secretId,
          mount_point: this.config.mount,
        })) as LoginAnswer;
      } else {
        return;
      }
    } catch (error) {
      const status = (error as { response?: { statusCode?: unknown } }).response?.statusCode;
      const message = `Vault ${this.config.method} login failed (${describe(error)})`;
      throw typeof status === 'number' && status < 500
        ? new VaultRequestError(message, status)
        : new VaultUnavailableError(message);
    }
    const ttl = typeof answer.auth?.lease_duration === 'number' ? answer.auth.lease_duration : 0;
    this.logger.info({ method: this.config.method, ttlSeconds: ttl }, 'logged in to Vault');
    if (ttl > 0 && answer.auth?.renewable !== false) await this.client.startTokenRenewal({ ttl });
  }

  private onTokenLost(why: string): void {
    if (this.stopped) return;
    if (this.config.method === 'token') {
      this.logger.error({ reason: why }, 'the Vault token can no longer be renewed; replace VAULT_TOKEN');
      return;
    }
    this.logger.warn({ reason: why }, 'Vault token lost; logging in again');
    this.relogin ??= this.retryLogin().finally(() => (this.relogin = undefined));
  }

  private async retryLogin(): Promise<void> {
    for (let delayMs = 1_000; !this.stopped; delayMs = Math.min(delayMs * 2, 60_000)) {
      try {
        await this.login();
        return;
      } catch (error) {
        this.logger.error({ reason: describe(error) }, 'Vault login failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      }
    }
  }
}

/** A failure as status or network code only: node-vault errors hold request bodies. */
function describe(error: unknown): string {
  const failure = error as { response?: { statusCode?: unknown }; code?: unknown } | null;
  if (typeof failure?.response?.statusCode === 'number') return `HTTP ${failure.response.statusCode}`;
  if (typeof failure?.code === 'string') return failure.code;
  return 'no answer';
}
