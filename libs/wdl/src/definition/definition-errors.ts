import type { DefinitionProblem } from './definition-problem.js';

/** A workflow definition that cannot be used as given. Carries the problems found. */
export class WdlDefinitionError extends Error {
  readonly code = 'WdlDefinitionInvalid';
  readonly retryable = false;
  constructor(readonly problems: readonly DefinitionProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
    super(first === undefined ? 'The workflow definition is invalid.' : `${first.message}${more}`);
    this.name = 'WdlDefinitionError';
  }
}
