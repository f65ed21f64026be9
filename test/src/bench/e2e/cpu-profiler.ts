import { setTimeout as delay } from 'node:timers/promises';

/** A V8 CPU profile as the inspector's Profiler.stop returns it (the .cpuprofile format). */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const INSPECTOR_PORT = 9229;

/**
 * Profiles a running Node process without restarting it: SIGUSR1 opens its inspector on 127.0.0.1:9229, the
 * Profiler domain records while `during` runs, then the inspector is closed again. One process at a time (they
 * would all take the same port).
 */
export async function profileRunningProcess(pid: number, during: () => Promise<void>): Promise<CpuProfile> {
  process.kill(pid, 'SIGUSR1');
  const target = await inspectorTarget(pid);
  const socket = new WebSocket(target);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot connect to the inspector of ${pid}`)), {
      once: true,
    });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  socket.addEventListener('message', (message: MessageEvent) => {
    const reply = JSON.parse(String(message.data)) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    if (reply.id === undefined) return;
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error !== undefined) waiter?.reject(new Error(reply.error.message));
    else waiter?.resolve(reply.result);
  });
  const send = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 500 });
    await send('Profiler.start');
    await during();
    const { profile } = await send<{ profile: CpuProfile }>('Profiler.stop');
    await send('Profiler.disable');
    return profile;
  } finally {
    // Closes the inspector the signal opened; the reply may never come as the socket goes with it.
    socket.send(
      JSON.stringify({
        id: nextId++,
        method: 'Runtime.evaluate',
        params: { expression: 'process._debugEnd()' },
      }),
    );
    await delay(200);
    socket.close();
    await waitPortFree();
  }
}

async function inspectorTarget(pid: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const answer = await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json/list`, {
        signal: AbortSignal.timeout(1_000),
      });
      const targets = (await answer.json()) as { webSocketDebuggerUrl?: string }[];
      const url = targets[0]?.webSocketDebuggerUrl;
      if (url !== undefined) return url;
    } catch {
      // not open yet
    }
    if (Date.now() > deadline)
      throw new Error(`process ${pid} did not open its inspector on ${INSPECTOR_PORT}`);
    await delay(100);
  }
}

async function waitPortFree(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json/list`, { signal: AbortSignal.timeout(500) });
    } catch {
      return;
    }
    await delay(100);
  }
  throw new Error(`the inspector on ${INSPECTOR_PORT} is still open`);
}

export interface CostLine {
  name: string;
  ms: number;
  share: number;
}

/** Where a function lives, coarsely: an npm package, a Patchbay package, Node's internals, or V8's own buckets. */
export function costCentre(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  const last = packages.at(-1)?.[1];
  if (last !== undefined) return last.startsWith('@patchbay/') ? `patchbay:${last.slice(10)}` : last;
  const own = /\/(libs|services)\/([^/]+)\//.exec(url);
  if (own !== null) return `patchbay:${own[2]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

export interface ProfileSummary {
  functions: CostLine[];
  centres: CostLine[];
  /** Time the process was on CPU (every sample but `(idle)`), ms. */
  busyMs: number;
  idleMs: number;
}

/** Self time per function and per cost centre, highest first; shares are of the busy time. */
export function summarize(profile: CpuProfile, top = 15): ProfileSummary {
  const self = new Map<number, number>();
  profile.samples.forEach((nodeId, i) =>
    self.set(nodeId, (self.get(nodeId) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const byFunction = new Map<string, number>();
  const byCentre = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const file = url.replace(/^.*\/(node_modules|libs|services)\//, '$1/');
    const fn = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const centre = costCentre(url, functionName);
    byCentre.set(centre, (byCentre.get(centre) ?? 0) + us);
    total += us;
  }
  const lines = (m: Map<string, number>): CostLine[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: total === 0 ? 0 : us / total }));
  return {
    functions: lines(byFunction),
    centres: lines(byCentre),
    busyMs: total / 1000,
    idleMs: idle / 1000,
  };
}
