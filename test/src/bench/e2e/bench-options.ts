import { parseArgs } from 'node:util';
import { VARIANTS, type Variant } from './bench-system.js';

export type SystemName = 'patchbay' | 'n8n';

export interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  concurrency: number[];
  systems: SystemName[];
  variants: Variant[];
  /** Where the raw results go (default deploy/local/.state/bench-e2e.json). */
  out?: string;
}

const USAGE =
  'usage: bench:e2e [--duration <s>] [--warmup <s>] [--concurrency 1,10,50] [--systems patchbay,n8n] ' +
  '[--variants http,compose] [--out <file.json>]';

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${flag}: expected a whole number >= 1, got '${value}'\n${USAGE}`);
  return n;
}

function listOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(',').map((s) => s.trim());
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      throw new Error(
        `--${flag}: expected a comma-separated list of ${allowed.join(', ')}; got '${item}'\n${USAGE}`,
      );
    }
  }
  return [...new Set(items as T[])];
}

/** Parses the command line; throws with the flag's name and what it expects on any bad value. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '1,10,50' },
      systems: { type: 'string', default: 'patchbay,n8n' },
      variants: { type: 'string', default: VARIANTS.join(',') },
      out: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    durationSeconds: positive('duration', values.duration),
    warmupSeconds: positive('warmup', values.warmup),
    concurrency: values.concurrency.split(',').map((c) => positive('concurrency', c.trim())),
    systems: listOf('systems', values.systems, ['patchbay', 'n8n'] as const),
    variants: listOf('variants', values.variants, VARIANTS),
    ...(values.out === undefined ? {} : { out: values.out }),
  };
}
