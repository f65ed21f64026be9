import { z } from 'zod';
import { ValidationFailedError, type FieldProblem } from '@patchbay/platform';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

export const createWorkflowSchema = z.object({
  namespace: z.string().regex(NAME, 'expected letters, digits, _ . - (at most 80)').default('default'),
  name: z
    .string()
    .regex(NAME, 'expected letters, digits, _ . - (at most 80), starting with a letter or digit'),
  /** A WDL definition, bare or wrapped as `{ "definition": ..., "kind": ... }`. */
  definition: z.record(z.string(), z.unknown()),
  /** Values for the definition's parameters; override their defaults. */
  parameters: z.record(z.string(), z.unknown()).default({}),
  state: z.enum(['Enabled', 'Disabled']).default('Enabled'),
  /** As Logic Apps' `properties.accessControl`: callers of Request triggers must come from these ranges. */
  accessControl: z
    .object({
      triggers: z
        .object({
          allowedCallerIpAddresses: z.array(
            z.object({
              addressRange: z
                .string()
                .regex(
                  /^[0-9a-fA-F.:]+(\/\d{1,3})?$/,
                  'expected an IP address or CIDR range, e.g. 10.0.0.0/8',
                ),
            }),
          ),
        })
        .optional(),
    })
    .optional(),
});
export type CreateWorkflowRequest = z.infer<typeof createWorkflowSchema>;

export const updateWorkflowSchema = createWorkflowSchema.omit({ namespace: true, name: true, state: true });
export type UpdateWorkflowRequest = z.infer<typeof updateWorkflowSchema>;

/** Parses a request body, turning every zod issue into a field problem (`body.<path>`). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((issue) => ({
    path: ['body', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ValidationFailedError(
    `The request body is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    problems,
  );
}
