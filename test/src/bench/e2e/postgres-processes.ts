import type { ProcSnapshot } from './process-usage.js';

/** `postgres: <user> <database> <host>(<port>) <activity>`: the process title of a client backend. */
const BACKEND_TITLE = /^postgres: \S+ (\S+) \S+\(\d+\)/;

/** The database a Postgres client backend serves, from its process title; undefined for the postmaster and helpers. */
export function backendDatabase(proc: ProcSnapshot): string | undefined {
  return BACKEND_TITLE.exec(proc.command)?.[1];
}

/**
 * The share of one Postgres cluster a system uses: the postmaster and its helper processes (checkpointer,
 * WAL writer, ...), which either system would need on its own, plus the client backends of its own database,
 * minus the bench's own connections (`excludePids`).
 */
export function postgresShare(
  cluster: readonly ProcSnapshot[],
  database: string,
  excludePids: ReadonlySet<number>,
): ProcSnapshot[] {
  return cluster.filter((p) => {
    if (excludePids.has(p.pid)) return false;
    const db = backendDatabase(p);
    return db === undefined || db === database;
  });
}
