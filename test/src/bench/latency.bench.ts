// npm run bench:latency: the first workflow (Request -> Http with an API key from Vault -> Response) called
// 200 times in sequence against the running platform (deploy/local; brought up when not running).
// Prints the distribution, and as its last line `p50=<ms> p99=<ms> n=200`.
import { performance } from 'node:perf_hooks';
import { resolvePlatform } from '../support/platform.js';
import { startGreeterTarget } from '../support/greeter-target.js';
import { deployGreeter, newApiKey } from '../support/greeter-workflow.js';
import { requestJson } from '../support/http-json.js';
import { callWhenKnown } from '../support/webhook.js';

const CALLS = Number(process.env['BENCH_CALLS'] ?? 200);
const WARM_UP = 10;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const ms = (value: number): string => value.toFixed(1);

async function main(): Promise<void> {
  const platform = await resolvePlatform();
  const apiKey = newApiKey();
  const target = await startGreeterTarget(apiKey);
  try {
    const greeter = await deployGreeter(platform, { targetUrl: target.url, apiKey, respond: true });
    const first = await callWhenKnown(greeter.callbackUrl, { name: 'warm-up' });
    if (first.status !== 200)
      throw new Error(`the workflow answered ${first.status}: ${JSON.stringify(first.body)}`);
    for (let i = 1; i < WARM_UP; i += 1) await requestJson('POST', greeter.callbackUrl, { name: 'warm-up' });

    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    for (let i = 0; i < CALLS; i += 1) {
      const t0 = performance.now();
      const answer = await requestJson('POST', greeter.callbackUrl, { name: `call-${i}` });
      latencies.push(performance.now() - t0);
      if (answer.status !== 200) errors += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    const mean = latencies.reduce((sum, v) => sum + v, 0) / latencies.length;
    process.stdout.write(
      [
        `workflow ${greeter.workflowName}: Request -> Http (connection ${greeter.connectionName}) -> Response`,
        `calls ${CALLS} sequential after ${WARM_UP} warm-up, ${seconds.toFixed(1)} s, ${(CALLS / seconds).toFixed(1)} calls/s, errors ${errors}`,
        `min=${ms(sorted[0] ?? Number.NaN)} mean=${ms(mean)} p90=${ms(percentile(sorted, 90))} max=${ms(sorted.at(-1) ?? Number.NaN)} (ms)`,
        `p50=${ms(percentile(sorted, 50))} p99=${ms(percentile(sorted, 99))} n=${CALLS}`,
      ].join('\n') + '\n',
    );
    if (errors > 0) process.exitCode = 1;
  } finally {
    await target.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:latency failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
