import type { DefinitionProblem } from '@patchbay/wdl';
import { ConflictError, NotFoundError, ValidationFailedError } from '@patchbay/platform';

export class InvalidDefinitionError extends ValidationFailedError {
  override readonly code = 'INVALID_DEFINITION';
  constructor(problems: DefinitionProblem[]) {
    super(
      `The workflow definition has ${problems.length} problem(s): ${problems
        .slice(0, 5)
        .map((p) => p.message)
        .join(' ')}${problems.length > 5 ? ' ...' : ''}`,
      problems.map((p) => ({
        path: `body.definition${p.path.slice(1)}`,
        message: p.message,
        expected: p.expected,
        found: p.found,
      })),
    );
  }
}

export const workflowErrors = {
  notFound: (id: string) => new NotFoundError(`Workflow '${id}' does not exist.`),
  nameTaken: (namespace: string, name: string) =>
    new ConflictError(
      `A workflow named '${name}' already exists in namespace '${namespace}'; update it with PUT instead.`,
    ),
  triggerNotFound: (id: string, trigger: string) =>
    new NotFoundError(`Workflow '${id}' has no trigger named '${trigger}'.`),
  disabled: (name: string) =>
    new ConflictError(`Workflow '${name}' is disabled; enable it before running its triggers.`),
  cannotRunNow: (trigger: string, type: string) =>
    new ConflictError(
      type.toLowerCase() === 'request'
        ? `Trigger '${trigger}' is a Request trigger: call its callback URL to run it.`
        : `Trigger '${trigger}' is of type '${type}'; running a trigger now is supported for Recurrence and SlidingWindow triggers.`,
    ),
  notRequestTrigger: (trigger: string, type: string) =>
    new ValidationFailedError(
      `Trigger '${trigger}' is of type '${type}'; only Request triggers have a callback URL.`,
    ),
};
