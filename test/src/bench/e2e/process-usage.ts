import { readdir, readFile } from 'node:fs/promises';

/** Linux clock ticks per second (USER_HZ); 100 on every mainstream kernel build. */
const CLOCK_TICKS = 100;
const PAGE_KIB = 4;

/** One process as /proc shows it. */
export interface ProcSnapshot {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
  /** Resident set, KiB. */
  rssKiB: number;
  /** The command line (or process title, for Postgres backends), spaces between arguments. */
  command: string;
}

/** Reads one process; undefined when it is gone (or a zombie). */
export async function readProc(pid: number): Promise<ProcSnapshot | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may hold spaces: fields after the last ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    const ppid = Number(fields[1]);
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    const rssKiB = Number(fields[21]) * PAGE_KIB;
    const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ').trim();
    return { pid, ppid, cpuTicks, rssKiB, command };
  } catch {
    return undefined;
  }
}

/** Every live process on the machine. */
export async function readAllProcs(): Promise<ProcSnapshot[]> {
  const entries = await readdir('/proc');
  const procs = await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map((e) => readProc(Number(e))));
  return procs.filter((p): p is ProcSnapshot => p !== undefined);
}

/** The roots and all their descendants, from one snapshot of the process table. */
export function withDescendants(all: readonly ProcSnapshot[], roots: readonly number[]): ProcSnapshot[] {
  const children = new Map<number, ProcSnapshot[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const seen = new Set<number>();
  const out: ProcSnapshot[] = [];
  const queue = roots.map((pid) => byPid.get(pid)).filter((p): p is ProcSnapshot => p !== undefined);
  while (queue.length > 0) {
    const p = queue.shift() as ProcSnapshot;
    if (seen.has(p.pid)) continue;
    seen.add(p.pid);
    out.push(p);
    queue.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

/** Picks the processes that belong to one system, from a snapshot of the whole process table. */
export type ProcessSelector = (all: readonly ProcSnapshot[]) => ProcSnapshot[];

export interface UsageSummary {
  /** CPU time (user + system) used during the window, summed over the selected processes, seconds. */
  cpuSeconds: number;
  /** Highest sum of resident sets seen at one sample, MiB. */
  peakRssMiB: number;
  /** Processes seen during the window (pid and command), for the JSON report. */
  processes: { pid: number; command: string }[];
  samples: number;
}

/**
 * Samples the selected processes every `intervalMs` until stopped. CPU is the difference of utime + stime
 * between the first and last sample of each process (a process that appears mid-window counts from zero, so a
 * fresh Postgres backend is charged in full); peak RSS is the highest per-sample sum.
 */
export class UsageSampler {
  private readonly first = new Map<number, ProcSnapshot>();
  private readonly last = new Map<number, ProcSnapshot>();
  private peakKiB = 0;
  private samples = 0;
  private timer?: NodeJS.Timeout;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly select: ProcessSelector,
    private readonly intervalMs = 200,
  ) {}

  async start(): Promise<void> {
    await this.sample(true);
    this.timer = setInterval(() => {
      this.pending = this.pending.then(() => this.sample(false));
    }, this.intervalMs);
  }

  async stop(): Promise<UsageSummary> {
    clearInterval(this.timer);
    await this.pending;
    await this.sample(false);
    let ticks = 0;
    for (const [pid, end] of this.last) {
      const begin = this.first.get(pid);
      ticks += end.cpuTicks - (begin?.cpuTicks ?? 0);
    }
    return {
      cpuSeconds: ticks / CLOCK_TICKS,
      peakRssMiB: this.peakKiB / 1024,
      processes: [...this.last.values()].map((p) => ({ pid: p.pid, command: p.command.slice(0, 160) })),
      samples: this.samples,
    };
  }

  private async sample(baseline: boolean): Promise<void> {
    const selected = this.select(await readAllProcs());
    let rss = 0;
    for (const p of selected) {
      rss += p.rssKiB;
      // A pid first seen after the baseline is a new process: its CPU counts from zero.
      if (baseline) this.first.set(p.pid, p);
      this.last.set(p.pid, p);
    }
    this.peakKiB = Math.max(this.peakKiB, rss);
    this.samples += 1;
  }
}
