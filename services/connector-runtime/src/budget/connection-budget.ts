import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What a connection allows: calls in flight at once and calls per minute, over all replicas. */
export interface BudgetLimits {
  concurrency?: number;
  perMinute?: number;
}

export type Acquisition =
  | { granted: true; release: () => Promise<void> }
  | { granted: false; reason: 'concurrency' | 'rate'; retryAfterMs: number };

/** How often a replica asks again while the connection's concurrency is used up. */
const CONCURRENCY_RETRY_MS = 200;

interface BudgetRow {
  tokens: number;
  elapsed_ms: number;
}

/**
 * Per-connection concurrency and rate budgets shared by all replicas, kept in Postgres (the database every
 * replica already has, and the only state they share): one transaction per acquisition locks the
 * connection's budget row, so replicas queue on that row only.
 * - Rate: a token bucket of `perMinute` tokens refilled continuously, timed by the database clock (replica
 *   clocks never matter); an empty bucket answers how long until the next token.
 * - Concurrency: a lease row per attempt in flight, deleted when it ends; a lease also expires at the
 *   attempt's deadline plus a grace, so a replica that died holding one frees it.
 */
@Injectable()
export class ConnectionBudget {
  constructor(private readonly dataSource: DataSource) {}

  async acquire(connectionId: string, limits: BudgetLimits, leaseTtlMs: number): Promise<Acquisition> {
    const capacity = limits.perMinute ?? 0;
    const leaseId = randomUUID();
    const outcome = await this.dataSource.transaction(async (manager): Promise<Acquisition> => {
      await manager.query(
        `INSERT INTO connection_budgets (connection_id, tokens, refilled_at) VALUES ($1, $2, now())
         ON CONFLICT (connection_id) DO NOTHING`,
        [connectionId, capacity],
      );
      const rows = await manager.query<BudgetRow[]>(
        `SELECT tokens, extract(epoch FROM now() - refilled_at) * 1000 AS elapsed_ms
           FROM connection_budgets WHERE connection_id = $1 FOR UPDATE`,
        [connectionId],
      );
      const row = rows[0]!;
      if (limits.concurrency !== undefined) {
        const held = await manager.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM connection_leases WHERE connection_id = $1 AND expires_at > now()`,
          [connectionId],
        );
        if (Number(held[0]!.n) >= limits.concurrency)
          return { granted: false, reason: 'concurrency', retryAfterMs: CONCURRENCY_RETRY_MS };
      }
      if (limits.perMinute !== undefined) {
        const perMs = limits.perMinute / 60_000;
        const tokens = Math.min(capacity, Number(row.tokens) + Number(row.elapsed_ms) * perMs);
        if (tokens < 1)
          return {
            granted: false,
            reason: 'rate',
            retryAfterMs: Math.max(1, Math.ceil((1 - tokens) / perMs)),
          };
        await manager.query(
          `UPDATE connection_budgets SET tokens = $2, refilled_at = now() WHERE connection_id = $1`,
          [connectionId, tokens - 1],
        );
      }
      if (limits.concurrency !== undefined) {
        await manager.query(
          `DELETE FROM connection_leases WHERE connection_id = $1 AND expires_at <= now()`,
          [connectionId],
        );
        await manager.query(
          `INSERT INTO connection_leases (lease_id, connection_id, expires_at)
           VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))`,
          [leaseId, connectionId, leaseTtlMs],
        );
      }
      return { granted: true, release: () => Promise.resolve() };
    });
    if (!outcome.granted || limits.concurrency === undefined) return outcome;
    return {
      granted: true,
      release: async () => {
        await this.dataSource.query(`DELETE FROM connection_leases WHERE lease_id = $1`, [leaseId]);
      },
    };
  }

  /** Leases of a connection not yet ended or expired (tests, metrics). */
  async inFlight(connectionId: string): Promise<number> {
    const rows = await this.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM connection_leases WHERE connection_id = $1 AND expires_at > now()`,
      [connectionId],
    );
    return Number(rows[0]!.n);
  }
}

/** The limits a connection declares in its parameters `concurrencyLimit` and `rateLimitPerMinute`. */
export function budgetLimitsOf(parameters: Readonly<Record<string, unknown>>): BudgetLimits | undefined {
  const positive = (value: unknown): number | undefined => {
    const n = typeof value === 'string' && value !== '' ? Number(value) : value;
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const concurrency = positive(parameters['concurrencyLimit']);
  const perMinute = positive(parameters['rateLimitPerMinute']);
  if (concurrency === undefined && perMinute === undefined) return undefined;
  return {
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(perMinute === undefined ? {} : { perMinute }),
  };
}
