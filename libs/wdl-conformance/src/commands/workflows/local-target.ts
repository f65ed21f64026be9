/**
 * `--target local`: one case, in process. A Request trigger gets a real local HTTP endpoint, so the
 * case's request goes over the wire and the caller's answer is whatever the run produces (202 without
 * a Response action, the Response, or 502 when every Response was skipped); other triggers are fired
 * once directly.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  definitionOf,
  hasResponseAction,
  requestTriggerResult,
  runSnapshot,
  scheduleTriggerResult,
  triggerTypeInfo,
  type RunState,
  type SendResponseCommand,
  type TriggerResult,
} from '@patchbay/wdl';
import type { CaseInput } from './case-file.js';
import type { CaseOutcome } from './case-outcome.js';
import { LocalRun } from './local-run.js';
import { parseBody } from './json-compare.js';

export interface LocalCaseOptions {
  workflowName: string;
  parameters: Record<string, unknown>;
  timeoutMs: number;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A case step that did not finish in time. */
export class CaseTimeoutError extends Error {
  readonly code = 'CaseTimeout';
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms / 1000} s`);
    this.name = 'CaseTimeoutError';
  }
}

export function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CaseTimeoutError(what, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function writeResponse(
  response: ServerResponse,
  answer: SendResponseCommand | undefined,
  runId: string,
): void {
  if (answer === undefined) {
    // Every Response action was skipped (or the run failed before one ran).
    response.writeHead(502, { 'x-ms-workflow-run-id': runId }).end();
    return;
  }
  const headers: Record<string, string> = { ...answer.headers, 'x-ms-workflow-run-id': runId };
  let body = '';
  if (typeof answer.body === 'string') body = answer.body;
  else if (answer.body !== undefined) {
    body = JSON.stringify(answer.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
  }
  response.writeHead(answer.statusCode, headers).end(body);
}

function outcomeOf(state: RunState | undefined, runCount: number): Omit<CaseOutcome, 'errors' | 'warnings'> {
  if (state === undefined) return { runCount, actions: {}, iterations: {} };
  const snapshot = runSnapshot(state);
  return {
    runCount,
    runStatus: snapshot.status,
    ...(snapshot.error === undefined ? {} : { runError: snapshot.error }),
    actions: Object.fromEntries(
      Object.entries(snapshot.actions).map(([name, result]) => [
        name,
        { status: result.status, outputs: result.outputs },
      ]),
    ),
    iterations: snapshot.iterations,
  };
}

export async function runCaseLocally(
  document: unknown,
  input: CaseInput,
  options: LocalCaseOptions,
): Promise<CaseOutcome> {
  const definition = definitionOf(document);
  const triggerDefinition = definition.triggers?.[input.trigger];
  if (triggerDefinition === undefined) {
    return {
      runCount: 0,
      actions: {},
      iterations: {},
      errors: [`the definition has no trigger '${input.trigger}'`],
      warnings: [],
    };
  }
  const runId = randomUUID();
  const startOptions = { runId, workflow: { name: options.workflowName }, parameters: options.parameters };
  const errors: string[] = [];
  let run: LocalRun | undefined;
  const isRequest = triggerTypeInfo(triggerDefinition.type)?.category === 'request';
  if (!isRequest) {
    run = new LocalRun(
      document,
      scheduleTriggerResult(input.trigger, new Date().toISOString()),
      startOptions,
    );
    try {
      await deadline(run.done, options.timeoutMs, 'the run');
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    run.dispose();
    return { ...outcomeOf(run.current, 1), errors, warnings: [] };
  }

  const expectsResponse = hasResponseAction(definition);
  const server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      );
      const contentType = headers['content-type'] ?? '';
      const trigger: TriggerResult = requestTriggerResult({
        name: input.trigger,
        at: new Date().toISOString(),
        method: request.method ?? 'POST',
        headers,
        ...(raw === '' ? {} : { body: /json/i.test(contentType) ? parseBody(raw) : raw }),
        ...(url.search === '' ? {} : { queries: Object.fromEntries(url.searchParams.entries()) }),
      });
      run = new LocalRun(document, trigger, startOptions);
      if (!expectsResponse) {
        response.writeHead(202, { 'x-ms-workflow-run-id': runId }).end();
        return;
      }
      try {
        writeResponse(response, await run.response, runId);
      } catch {
        response.writeHead(500).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let httpResponse: CaseOutcome['httpResponse'];
  try {
    const reply = await deadline(
      fetch(
        `http://127.0.0.1:${port}/workflows/${encodeURIComponent(options.workflowName)}/triggers/${encodeURIComponent(input.trigger)}/invoke`,
        {
          method: input.method ?? 'POST',
          headers: input.headers ?? {},
          ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
        },
      ),
      options.timeoutMs,
      'the trigger request',
    );
    httpResponse = {
      statusCode: reply.status,
      headers: Object.fromEntries(reply.headers.entries()),
      bodyText: await reply.text(),
    };
    if (run !== undefined) await deadline(run.done, options.timeoutMs, 'the run');
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  } finally {
    run?.dispose();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return {
    ...outcomeOf(run?.current, run === undefined ? 0 : 1),
    ...(httpResponse === undefined ? {} : { httpResponse }),
    errors,
    warnings: [],
  };
}
