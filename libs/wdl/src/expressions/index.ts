export type { EvaluationContext } from './evaluation-context.js';
