/**
 * The acceptance-case files of corpus/wdl-cases: `<nn>-<slug>.json` (`{definition}`) and
 * `<nn>-<slug>.expect.json` (runs and expectations). Shapes as in the corpus README.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StubResponse } from './stub-server.js';

export interface CaseInput {
  trigger: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  parameters?: Record<string, unknown>;
  stub?: Record<string, StubResponse[]>;
  fire?: string;
}

export interface ActionExpectation {
  status?: string;
  statusOneOf?: string[];
  outputs?: unknown;
  outputsSubset?: unknown;
  body?: unknown;
}

export interface CaseExpectation {
  httpResponse?: {
    statusCode?: number;
    body?: unknown;
    bodySubset?: unknown;
    headersInclude?: Record<string, string>;
  };
  runStatus?: string;
  runError?: { code?: string; message?: string };
  runCount?: number;
  stubRequests?: Record<
    string,
    { count?: number; eachBodyJson?: unknown; eachHeader?: Record<string, string> }
  >;
  iterations?: Record<string, number>;
  actions?: Record<string, ActionExpectation>;
}

export interface AcceptanceCase {
  name: string;
  input: CaseInput;
  expect: CaseExpectation;
}

export interface ExpectFile {
  /** File name of the expect file. */
  file: string;
  workflow: string;
  title: string;
  definition: unknown;
  cases: AcceptanceCase[];
}

/** A case folder that does not follow the corpus format. */
export class CaseFileError extends Error {
  readonly code = 'InvalidCaseFile';
  constructor(message: string) {
    super(message);
    this.name = 'CaseFileError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads every `*.expect.json` of a folder, in name order, with the workflow it names. */
export async function readExpectFiles(dir: string): Promise<ExpectFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.expect.json')).sort();
  const files: ExpectFile[] = [];
  for (const name of names) {
    const expect = JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown;
    if (!isObject(expect) || typeof expect['workflow'] !== 'string' || !Array.isArray(expect['cases'])) {
      throw new CaseFileError(`${name}: not an expect file (needs 'workflow' and 'cases').`);
    }
    const workflow = JSON.parse(await readFile(join(dir, expect['workflow']), 'utf8')) as unknown;
    files.push({
      file: name,
      workflow: expect['workflow'],
      title: typeof expect['title'] === 'string' ? expect['title'] : name,
      definition: workflow,
      cases: expect['cases'] as AcceptanceCase[],
    });
  }
  return files;
}

/** `input.parameters` with `{stubPort}` replaced in every string. */
export function parametersFor(input: CaseInput, port: number | undefined): Record<string, unknown> {
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string')
      return port === undefined ? value : value.split('{stubPort}').join(String(port));
    if (Array.isArray(value)) return value.map(replace);
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    return value;
  };
  return replace(input.parameters ?? {}) as Record<string, unknown>;
}
