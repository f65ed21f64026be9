import { z } from 'zod';
import type { FieldProblem } from '../errors/platform-error.js';

/** One problem of a request, as `PlatformErrorFilter` answers it (see `FieldProblem`). */
export const fieldProblemSchema = z
  .object({
    path: z.string().meta({ description: 'Where the problem is, e.g. `body.name` or `query.namespace`.' }),
    message: z.string(),
    expected: z.string().optional(),
    found: z.string().optional().meta({ description: 'What was found; never a secret value.' }),
  })
  .meta({ id: 'FieldProblem' });

/** The body of every error answer: `PlatformErrorFilter`'s format. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable code, e.g. VALIDATION_FAILED, NOT_FOUND, CONFLICT.' }),
      message: z.string(),
      problems: z.array(fieldProblemSchema),
    }),
  })
  .meta({ id: 'ErrorBody' });

// The schema describes the filter's output type exactly; a change on either side fails the build here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _fieldProblemMatches: Same<z.infer<typeof fieldProblemSchema>, FieldProblem> = true;
void _fieldProblemMatches;
