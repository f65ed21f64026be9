import nodeVault from 'node-vault';
import type { Logger } from 'pino';
import { VaultAuthenticator, type VaultAuthConfig } from './vault-auth.js';
import { VaultRequestError, VaultUnavailableError } from './vault-errors.js';

/** Secret values of one connection, e.g. `{ apiKey: '...' }`. Never logged, never persisted outside Vault. */
export type SecretValues = Record<string, string>;

export interface VaultKvClientOptions {
  address: string;
  /** Token auth; ignored when `auth` names another method. */
  token: string;
  /** How to authenticate; default: the static `token`. */
  auth?: VaultAuthConfig;
  /** Upper bound for one HTTP call to Vault. */
  requestTimeoutMs: number;
  /** KV v2 mount; `secret` in Vault dev mode. */
  mount?: string;
  /** Database secrets engine mount (workload-identity connections); default `database`. */
  databaseMount?: string;
}

/** A credential Vault's database secrets engine issued; it stops working when its lease ends. */
export interface DatabaseCredential {
  username: string;
  password: string;
  leaseId: string;
  leaseDurationSeconds: number;
}

/** Where connection secrets live under the KV v2 mount: one path per connection. */
const CONNECTIONS_PREFIX = 'patchbay/connections';

interface VaultFailure {
  response?: { statusCode?: unknown };
  code?: unknown;
}

/**
 * Typed wrapper over node-vault for the KV v2 paths connection-store owns:
 * `<mount>/data/patchbay/connections/<connectionId>`.
 *
 * Errors are translated here into typed errors that carry only a status or a network error code: the
 * underlying axios errors hold the request body (the secret) and the token, so they are never attached as a
 * cause nor logged.
 */
export class VaultKvClient {
  private readonly client: nodeVault.client;
  private readonly mount: string;
  private readonly databaseMount: string;
  authenticator?: VaultAuthenticator;

  constructor(options: VaultKvClientOptions) {
    this.mount = options.mount ?? 'secret';
    this.databaseMount = options.databaseMount ?? 'database';
    this.client = nodeVault({
      endpoint: options.address,
      token: options.token,
      apiVersion: 'v1',
      requestOptions: { timeout: options.requestTimeoutMs },
      // node-vault's debug output prints request bodies, i.e. secrets: silence it whatever DEBUG says.
      debug: () => undefined,
    });
  }

  /** Authenticates (Kubernetes/AppRole login or the static token) and starts renewing the token. */
  async authenticate(options: VaultKvClientOptions, logger: Logger): Promise<VaultAuthenticator> {
    const auth: VaultAuthConfig = options.auth ?? { method: 'token', token: options.token };
    this.authenticator = new VaultAuthenticator(this.client, auth, logger);
    await this.authenticator.start();
    return this.authenticator;
  }

  /** Stops renewing the token (shutdown). */
  close(): void {
    this.authenticator?.stop();
  }

  /** KV v2 data path of a connection's secrets (also what the Vault policy grants). */
  dataPath(connectionId: string): string {
    return `${this.mount}/data/${CONNECTIONS_PREFIX}/${connectionId}`;
  }

  private metadataPath(connectionId: string): string {
    return `${this.mount}/metadata/${CONNECTIONS_PREFIX}/${connectionId}`;
  }

  /** Writes a new version of the connection's secrets (the whole set replaces the previous one). Resolves to its version. */
  async writeSecrets(connectionId: string, secrets: SecretValues): Promise<number> {
    const body = await this.call('write', () =>
      this.client.write(this.dataPath(connectionId), { data: secrets }),
    );
    const version = (body as { data?: { version?: unknown } } | undefined)?.data?.version;
    if (typeof version !== 'number') throw new VaultRequestError('Vault write: the answer has no version');
    return version;
  }

  /**
   * Reads one version of the connection's secrets (the latest when `version` is undefined). Resolves to
   * `undefined` when Vault holds nothing there (never written, deleted or destroyed): that is an answer, not
   * a failure.
   */
  async readSecrets(connectionId: string, version?: number): Promise<SecretValues | undefined> {
    return (await this.readVersion(connectionId, version))?.secrets;
  }

  /** The latest live version of the connection's secrets with its number, or `undefined` when there is none. */
  async readLatest(connectionId: string): Promise<{ version: number; secrets: SecretValues } | undefined> {
    return this.readVersion(connectionId, undefined);
  }

  /** Permanently destroys one version (a write that must not count). Idempotent. */
  async destroyVersion(connectionId: string, version: number): Promise<void> {
    await this.call('destroy', () =>
      this.client.write(`${this.mount}/destroy/${CONNECTIONS_PREFIX}/${connectionId}`, {
        versions: [version],
      }),
    );
  }

  private async readVersion(
    connectionId: string,
    version: number | undefined,
  ): Promise<{ version: number; secrets: SecretValues } | undefined> {
    const path =
      version === undefined
        ? this.dataPath(connectionId)
        : `${this.dataPath(connectionId)}?version=${version}`;
    let body: unknown;
    try {
      body = await this.call('read', () => this.client.read(path));
    } catch (error) {
      if (error instanceof VaultRequestError && error.status === 404) return undefined;
      throw error;
    }
    const payload = (body as { data?: { data?: unknown; metadata?: { version?: unknown } } } | undefined)
      ?.data;
    const data = payload?.data;
    if (data === null || data === undefined) return undefined; // a deleted or destroyed version
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new VaultRequestError('Vault read: the stored value is not a KV v2 object');
    }
    const secrets: SecretValues = {};
    for (const [key, value] of Object.entries(data)) {
      if (typeof value === 'string') secrets[key] = value;
    }
    const found = payload?.metadata?.version;
    return { version: typeof found === 'number' ? found : (version ?? 0), secrets };
  }

  /** Destroys every version and the metadata of the connection's secrets. Idempotent. */
  async deleteSecrets(connectionId: string): Promise<void> {
    try {
      await this.call('delete', () => this.client.delete(this.metadataPath(connectionId)));
    } catch (error) {
      if (error instanceof VaultRequestError && error.status === 404) return;
      throw error;
    }
  }

  /**
   * Asks the database secrets engine for a new credential of `role` (`<databaseMount>/creds/<role>`), with
   * connection-store's own Vault identity. A role Vault does not know is a VaultRequestError with status 400/404.
   */
  async issueDatabaseCredential(role: string): Promise<DatabaseCredential> {
    const body = (await this.call('database credential', () =>
      this.client.read(`${this.databaseMount}/creds/${encodeURIComponent(role)}`),
    )) as { lease_id?: unknown; lease_duration?: unknown; data?: { username?: unknown; password?: unknown } };
    const { username, password } = body?.data ?? {};
    if (typeof username !== 'string' || typeof password !== 'string')
      throw new VaultRequestError('Vault database credential: the answer has no username/password');
    return {
      username,
      password,
      leaseId: typeof body.lease_id === 'string' ? body.lease_id : '',
      leaseDurationSeconds: typeof body.lease_duration === 'number' ? body.lease_duration : 0,
    };
  }

  /** Resolves when Vault is initialized, unsealed and answering (`sys/health`). */
  async checkHealth(): Promise<void> {
    const body = (await this.call('health', () => this.client.health())) as
      { initialized?: unknown; sealed?: unknown } | undefined;
    if (body?.initialized !== true) throw new VaultUnavailableError('Vault is not initialized');
    if (body.sealed === true) throw new VaultUnavailableError('Vault is sealed');
  }

  private async call(operation: string, fn: () => Promise<unknown>): Promise<unknown> {
    try {
      return await fn();
    } catch (error) {
      throw translateVaultFailure(operation, error);
    }
  }
}

/** Maps a node-vault/axios failure to a typed error whose message holds no request data. */
function translateVaultFailure(operation: string, error: unknown): Error {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as VaultFailure;
  const status = typeof failure.response?.statusCode === 'number' ? failure.response.statusCode : undefined;
  if (status === undefined) {
    // No HTTP answer at all: refused, reset, timed out, DNS. Vault is unavailable from here.
    const code = typeof failure.code === 'string' ? failure.code : 'no response';
    return new VaultUnavailableError(`Vault ${operation}: no answer (${code})`);
  }
  if (status >= 500 || status === 429) return new VaultUnavailableError(`Vault ${operation}: HTTP ${status}`);
  return new VaultRequestError(`Vault ${operation}: HTTP ${status}`, status);
}
