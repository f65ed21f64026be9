/**
 * `--target <baseUrl>`: runs a case against a running platform through its public API. What is assumed
 * of that API (the platform is meant to grow to match):
 *
 * - `POST {base}/api/workflows` with `{name, definition, parameters}` deploys a workflow and answers
 *   `{id, triggers?: {<name>: {callbackUrl}}, callbackUrl?}`;
 * - when no callback URL came back, `POST {base}/api/workflows/{id}/triggers/{name}/listCallbackUrl`
 *   answers `{value: <url>}` (the Logic Apps shape);
 * - the callback URL takes the case's request; its answer carries the run id in `x-ms-workflow-run-id`;
 * - a schedule trigger is deployed with its first occurrence in the far future (so only the explicit run
 *   below fires: `fire: "once"`);
 * - `POST {base}/api/workflows/{id}/triggers/{name}/run` fires a non-HTTP trigger once and answers
 *   `{runId}` (or the same header);
 * - `GET {base}/api/workflows/{id}/runs` lists runs as `{value: [{id, status}]}`;
 * - `GET {base}/api/runs/{runId}` answers the interpreter's run snapshot
 *   (`{status, error?, actions: {<name>: {status, outputs}}, iterations}`), with `status` `Running`
 *   until the run ends;
 * - `DELETE {base}/api/workflows/{id}` removes the workflow afterwards.
 */
import { randomUUID } from 'node:crypto';
import { definitionOf, triggerTypeInfo } from '@patchbay/wdl';
import type { CaseInput } from './case-file.js';
import type { CaseOutcome, ObservedAction } from './case-outcome.js';
import { deadline } from './local-target.js';

export interface RemoteCaseOptions {
  baseUrl: string;
  workflowName: string;
  parameters: Record<string, unknown>;
  timeoutMs: number;
}

const POLL_INTERVAL_MS = 250;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

async function json(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

function url(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function callbackUrlFor(
  base: string,
  workflowId: string,
  trigger: string,
  deployed: Record<string, unknown>,
): Promise<string | undefined> {
  const triggers = deployed['triggers'];
  const fromTriggers =
    isObject(triggers) && isObject(triggers[trigger]) ? triggers[trigger]['callbackUrl'] : undefined;
  if (typeof fromTriggers === 'string') return fromTriggers;
  if (typeof deployed['callbackUrl'] === 'string') return deployed['callbackUrl'];
  const listed = await fetch(
    url(
      base,
      `/api/workflows/${encodeURIComponent(workflowId)}/triggers/${encodeURIComponent(trigger)}/listCallbackUrl`,
    ),
    { method: 'POST' },
  );
  const body = await json(listed);
  return isObject(body) && typeof body['value'] === 'string' ? body['value'] : undefined;
}

async function listRuns(base: string, workflowId: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(url(base, `/api/workflows/${encodeURIComponent(workflowId)}/runs`));
  const body = await json(response);
  const list = isObject(body) ? body['value'] : body;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

async function pollRun(base: string, runId: string): Promise<Record<string, unknown>> {
  for (;;) {
    const response = await fetch(url(base, `/api/runs/${encodeURIComponent(runId)}`));
    const body = await json(response);
    if (
      response.ok &&
      isObject(body) &&
      typeof body['status'] === 'string' &&
      !['Running', 'Waiting', 'Paused'].includes(body['status'])
    )
      return body;
    await pause(POLL_INTERVAL_MS);
  }
}

function observedActions(snapshot: Record<string, unknown>): Record<string, ObservedAction> {
  const actions = snapshot['actions'];
  if (!isObject(actions)) return {};
  return Object.fromEntries(
    Object.entries(actions)
      .filter((entry): entry is [string, Record<string, unknown>] => isObject(entry[1]))
      .map(([name, result]) => [name, { status: String(result['status']), outputs: result['outputs'] }]),
  );
}

/** Far enough ahead that a schedule never comes due while a case runs. */
const HELD_BACK_START = '2999-01-01T00:00:00Z';

/**
 * `fire: "once"` means exactly one run, started by the client: a real platform would also fire a schedule
 * trigger on its own (a Recurrence without startTime is due at once), so the case's schedule trigger is
 * deployed with its first occurrence in the far future. Nothing else of the definition changes.
 */
function withScheduleHeldBack(definition: ReturnType<typeof definitionOf>, triggerName: string): unknown {
  const trigger = definition.triggers?.[triggerName];
  const recurrence = (trigger as { recurrence?: unknown } | undefined)?.recurrence;
  if (trigger === undefined || !isObject(recurrence)) return definition;
  return {
    ...definition,
    triggers: {
      ...definition.triggers,
      [triggerName]: { ...trigger, recurrence: { ...recurrence, startTime: HELD_BACK_START } },
    },
  };
}

export async function runCaseRemotely(
  document: unknown,
  input: CaseInput,
  options: RemoteCaseOptions,
): Promise<CaseOutcome> {
  const base = options.baseUrl;
  const errors: string[] = [];
  const name = `${options.workflowName}-${randomUUID().slice(0, 8)}`;
  const deploy = await fetch(url(base, '/api/workflows'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name,
      definition: withScheduleHeldBack(definitionOf(document), input.trigger),
      parameters: options.parameters,
    }),
  });
  const deployed = await json(deploy);
  if (!deploy.ok || !isObject(deployed) || typeof deployed['id'] !== 'string') {
    return {
      runCount: 0,
      actions: {},
      iterations: {},
      errors: [`deploy failed: ${deploy.status} ${JSON.stringify(deployed) ?? ''}`],
      warnings: [],
    };
  }
  const workflowId = deployed['id'];
  let httpResponse: CaseOutcome['httpResponse'];
  let runId: string | undefined;
  let snapshot: Record<string, unknown> | undefined;
  try {
    const triggerDefinition = definitionOf(document).triggers?.[input.trigger];
    if (triggerTypeInfo(triggerDefinition?.type)?.category === 'request') {
      const callback = await callbackUrlFor(base, workflowId, input.trigger, deployed);
      if (callback === undefined)
        throw new RemoteTargetError(`no callback URL for trigger '${input.trigger}'`);
      const reply = await deadline(
        fetch(callback, {
          method: input.method ?? 'POST',
          headers: input.headers ?? {},
          ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
        }),
        options.timeoutMs,
        'the trigger request',
      );
      httpResponse = {
        statusCode: reply.status,
        headers: Object.fromEntries(reply.headers.entries()),
        bodyText: await reply.text(),
      };
      runId = reply.headers.get('x-ms-workflow-run-id') ?? undefined;
    } else {
      const fired = await fetch(
        url(
          base,
          `/api/workflows/${encodeURIComponent(workflowId)}/triggers/${encodeURIComponent(input.trigger)}/run`,
        ),
        { method: 'POST' },
      );
      const body = await json(fired);
      runId =
        fired.headers.get('x-ms-workflow-run-id') ??
        (isObject(body) && typeof body['runId'] === 'string' ? body['runId'] : undefined);
    }
    if (runId === undefined) {
      const runs = await listRuns(base, workflowId);
      const last = runs[runs.length - 1];
      runId = typeof last?.['id'] === 'string' ? last['id'] : undefined;
    }
    if (runId === undefined) throw new RemoteTargetError('the platform did not report a run id');
    snapshot = await deadline(pollRun(base, runId), options.timeoutMs, 'the run');
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  }
  const runCount = (await listRuns(base, workflowId).catch(() => [])).length;
  await fetch(url(base, `/api/workflows/${encodeURIComponent(workflowId)}`), { method: 'DELETE' }).catch(
    () => undefined,
  );
  const error = snapshot?.['error'];
  const iterations = snapshot?.['iterations'];
  return {
    ...(httpResponse === undefined ? {} : { httpResponse }),
    ...(typeof snapshot?.['status'] === 'string' ? { runStatus: snapshot['status'] } : {}),
    ...(isObject(error)
      ? { runError: { code: String(error['code']), message: String(error['message']) } }
      : {}),
    runCount,
    actions: snapshot === undefined ? {} : observedActions(snapshot),
    iterations: isObject(iterations) ? (iterations as Record<string, number>) : {},
    errors,
    warnings: [],
  };
}

/** The platform did not behave as the remote target expects. */
export class RemoteTargetError extends Error {
  readonly code = 'RemoteTargetProtocol';
  constructor(message: string) {
    super(message);
    this.name = 'RemoteTargetError';
  }
}
