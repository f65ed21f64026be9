/**
 * `operationOptions`: a comma-separated list of flags, matched without regard to letter case.
 */
export const OPERATION_OPTIONS = [
  'DisableAsyncPattern',
  'IncludeAuthorizationHeadersInOutputs',
  'Sequential',
  'SingleInstance',
  'SuppressWorkflowHeaders',
  'SuppressWorkflowHeadersOnResponse',
  'FailWhenLimitsReached',
  'OptimizedForHighThroughput',
  'Asynchronous',
  'EnableSchemaValidation',
  'DisableAutomaticDecompression',
] as const;

export type OperationOption = (typeof OPERATION_OPTIONS)[number];

/** Splits the flag list; unknown flags are returned as written. */
export function parseOperationOptions(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((flag) => flag.trim())
    .filter((flag) => flag.length > 0)
    .map((flag) => OPERATION_OPTIONS.find((known) => known.toLowerCase() === flag.toLowerCase()) ?? flag);
}

/** True when the flag list holds `option`. */
export function hasOperationOption(value: unknown, option: OperationOption): boolean {
  return parseOperationOptions(value).includes(option);
}

export function isKnownOperationOption(flag: string): boolean {
  return OPERATION_OPTIONS.some((known) => known === flag);
}
