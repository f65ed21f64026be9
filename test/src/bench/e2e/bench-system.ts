import type { ProcessSelector } from './process-usage.js';

/** The two workflow shapes every system runs. */
export type Variant = 'http' | 'compose';

export const VARIANTS: readonly Variant[] = ['http', 'compose'];

/** What a variant does, for the table's header. */
export const VARIANT_SHAPES: Record<Variant, string> = {
  http: 'webhook -> compute greeting -> HTTP POST to the echo server -> respond with its answer',
  compose: 'webhook -> compute greeting -> respond with it',
};

/** The request body every call sends, and the answer it must get (as JSON). */
export const REQUEST_BODY = { name: 'bench' };
export const EXPECTED_ANSWER = { greeting: 'Hello, bench' };

/** One deployed workflow: where to call it and how to count the runs it recorded. */
export interface DeployedVariant {
  variant: Variant;
  url: string;
  /** Identifies the workflow in the system (for the JSON report). */
  workflowId: string;
}

/** A system under test, as the bench drives it. */
export interface BenchSystem {
  readonly name: 'patchbay' | 'n8n';
  /** Creates the workflow of one variant and returns where to call it once it answers. */
  deploy(variant: Variant, echoUrl: string): Promise<DeployedVariant>;
  /** Runs of the workflow recorded in the system's durable history so far. */
  countRuns(deployed: DeployedVariant): Promise<RunCount>;
  /** Picks the system's processes (all of them, database and broker included) from a process table snapshot. */
  processSelector(): Promise<ProcessSelector>;
  /** Stops what the bench itself started (nothing for a system it found running). */
  close(): Promise<void>;
}

export interface RunCount {
  total: number;
  /** Runs whose status is not final yet (still running or waiting). */
  unfinished: number;
  succeeded: number;
}
