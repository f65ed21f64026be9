/**
 * Checks a case outcome against the `expect` block of an acceptance case (corpus/wdl-cases/README.md).
 * Only the fields present are checked; every mismatch is listed.
 */
import type { CaseExpectation } from './case-file.js';
import type { CaseOutcome } from './case-outcome.js';
import { jsonDifference, parseBody, subsetDifference } from './json-compare.js';

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((h) => h.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

function bodyOf(outputs: unknown): unknown {
  return outputs !== null && typeof outputs === 'object'
    ? (outputs as Record<string, unknown>)['body']
    : undefined;
}

export function checkExpectations(expect: CaseExpectation, outcome: CaseOutcome): string[] {
  const problems: string[] = [...outcome.errors];
  const http = expect.httpResponse;
  if (http !== undefined) {
    const actual = outcome.httpResponse;
    if (actual === undefined) problems.push('httpResponse: no response was received');
    else {
      if (http.statusCode !== undefined && http.statusCode !== actual.statusCode) {
        problems.push(`httpResponse.statusCode: expected ${http.statusCode}, got ${actual.statusCode}`);
      }
      const body = parseBody(actual.bodyText);
      if (http.body !== undefined) {
        const difference = jsonDifference(http.body, body);
        if (difference !== undefined) problems.push(`httpResponse.body ${difference}`);
      }
      if (http.bodySubset !== undefined) {
        const difference = subsetDifference(http.bodySubset, body);
        if (difference !== undefined) problems.push(`httpResponse.bodySubset ${difference}`);
      }
      for (const [name, value] of Object.entries(http.headersInclude ?? {})) {
        const got = headerValue(actual.headers, name);
        if (got !== value)
          problems.push(
            `httpResponse.headersInclude.${name}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got)}`,
          );
      }
    }
  }
  if (expect.runStatus !== undefined && expect.runStatus !== outcome.runStatus) {
    problems.push(`runStatus: expected ${expect.runStatus}, got ${outcome.runStatus ?? 'none'}`);
  }
  if (expect.runError !== undefined) {
    for (const field of ['code', 'message'] as const) {
      const want = expect.runError[field];
      const got = outcome.runError?.[field];
      if (want !== undefined && want !== got)
        problems.push(`runError.${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  if (expect.runCount !== undefined && expect.runCount !== outcome.runCount) {
    problems.push(`runCount: expected ${expect.runCount}, got ${outcome.runCount}`);
  }
  for (const [key, want] of Object.entries(expect.stubRequests ?? {})) {
    const requests = outcome.stub?.requestsFor(key) ?? [];
    if (want.count !== undefined && want.count !== requests.length)
      problems.push(`stubRequests['${key}'].count: expected ${want.count}, got ${requests.length}`);
    requests.forEach((request, index) => {
      if (want.eachBodyJson !== undefined) {
        const difference = jsonDifference(want.eachBodyJson, parseBody(request.body));
        if (difference !== undefined)
          problems.push(`stubRequests['${key}'] request ${index} body ${difference}`);
      }
      for (const [name, value] of Object.entries(want.eachHeader ?? {})) {
        const got = headerValue(request.headers, name);
        if (got !== value)
          problems.push(
            `stubRequests['${key}'] request ${index} header ${name}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got)}`,
          );
      }
    });
  }
  for (const [loop, want] of Object.entries(expect.iterations ?? {})) {
    const got = outcome.iterations[loop] ?? 0;
    if (got !== want) problems.push(`iterations.${loop}: expected ${want}, got ${got}`);
  }
  for (const [name, want] of Object.entries(expect.actions ?? {})) {
    const actual = outcome.actions[name];
    const status = actual?.status ?? 'none';
    if (want.status !== undefined && want.status !== status)
      problems.push(`actions.${name}.status: expected ${want.status}, got ${status}`);
    if (want.statusOneOf !== undefined && !want.statusOneOf.includes(status)) {
      problems.push(
        `actions.${name}.statusOneOf: expected one of ${want.statusOneOf.join('/')}, got ${status}`,
      );
    }
    if (want.outputs !== undefined) {
      const difference = jsonDifference(want.outputs, actual?.outputs);
      if (difference !== undefined) problems.push(`actions.${name}.outputs ${difference}`);
    }
    if (want.outputsSubset !== undefined) {
      const difference = subsetDifference(want.outputsSubset, actual?.outputs);
      if (difference !== undefined) problems.push(`actions.${name}.outputsSubset ${difference}`);
    }
    if (want.body !== undefined) {
      const difference = jsonDifference(want.body, bodyOf(actual?.outputs));
      if (difference !== undefined) problems.push(`actions.${name}.body ${difference}`);
    }
  }
  return problems;
}
