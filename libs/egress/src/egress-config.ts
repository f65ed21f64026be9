import { z } from 'zod';
import { egressRulesSchema, shorthandProblem, shorthandRules, type EgressRule } from './egress-rule.js';

const shorthandList = z
  .string()
  .default('')
  .superRefine((value, context) => {
    for (const entry of value.split(',').map((e) => e.trim())) {
      if (entry === '') continue;
      const problem = shorthandProblem(entry);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
    }
  });

const rulesJson = z
  .string()
  .default('[]')
  .transform((text, context) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      context.addIssue({ code: 'custom', message: 'is not JSON (expected an array of egress rules)' });
      return z.NEVER;
    }
    const parsed = egressRulesSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        context.addIssue({ code: 'custom', message: `[${issue.path.join('.')}]: ${issue.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });

/** The egress variables, for the service's env schema. */
export const egressEnvShape = {
  /** Comma-separated CIDRs, addresses or host patterns allowed for every namespace (opens default-denied ranges). */
  PATCHBAY_EGRESS_ALLOW: shorthandList,
  /** Comma-separated CIDRs, addresses or host patterns denied for every namespace. */
  PATCHBAY_EGRESS_DENY: shorthandList,
  /** JSON array of `{ name, effect, namespaces?, hosts?, cidrs?, ports? }`. */
  PATCHBAY_EGRESS_RULES: rulesJson,
};

export function egressRulesOf(values: {
  PATCHBAY_EGRESS_ALLOW: string;
  PATCHBAY_EGRESS_DENY: string;
  PATCHBAY_EGRESS_RULES: EgressRule[];
}): EgressRule[] {
  return [
    ...values.PATCHBAY_EGRESS_RULES,
    ...shorthandRules(values.PATCHBAY_EGRESS_DENY, 'deny', 'PATCHBAY_EGRESS_DENY'),
    ...shorthandRules(values.PATCHBAY_EGRESS_ALLOW, 'allow', 'PATCHBAY_EGRESS_ALLOW'),
  ];
}
