import type { ResolvedConnectionData } from './resolved-connection.js';

interface Entry {
  value: ResolvedConnectionData;
  expiresAt: number;
}

/**
 * Resolved connections kept in memory for at most the TTL connection-store granted (per connection and
 * workflow: linked access is decided per workflow). Bounded: the oldest entry goes when it is full.
 */
export class ResolvedConnectionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  static key(namespace: string, connectionName: string, workflowId: string): string {
    return `${namespace}\u0000${connectionName}\u0000${workflowId}`;
  }

  get(key: string): ResolvedConnectionData | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: ResolvedConnectionData, ttlSeconds: number): void {
    if (ttlSeconds <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1_000 });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every workflow's entry of one connection (it changed: new secret, status, links). */
  deleteConnection(namespace: string, connectionName: string): number {
    const prefix = `${namespace}\u0000${connectionName}\u0000`;
    let dropped = 0;
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(prefix)) {
        this.entries.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  get size(): number {
    return this.entries.size;
  }
}
