/** What one case run produced, whichever target ran it; the expectations are checked against this. */
import type { StubServer } from './stub-server.js';

export interface ObservedAction {
  status: string;
  outputs?: unknown;
}

export interface CaseOutcome {
  /** What the caller of the Request trigger received. */
  httpResponse?: { statusCode: number; headers: Record<string, string>; bodyText: string };
  runStatus?: string;
  runError?: { code?: string; message?: string };
  runCount: number;
  actions: Record<string, ObservedAction>;
  iterations: Record<string, number>;
  stub?: StubServer;
  /** Problems of the run itself (timeouts, transport errors), reported as failures. */
  errors: string[];
  warnings: string[];
}
