import { pino, type Logger } from 'pino';
import { currentLogFields } from './log-context.js';

/**
 * The process-wide structured logger: one JSON object per line on stdout, with the service name and the
 * run id / trace id of whatever is being handled. Secret-looking keys are redacted as a second line of
 * defence; secrets must never be passed to a logger in the first place.
 */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      // The full traceparent stays out of log lines; the trace id identifies the trace.
      const { traceparent: _traceparent, ...fields } = currentLogFields();
      return fields;
    },
    redact: {
      paths: [
        '*.password',
        '*.secret',
        '*.secrets',
        '*.token',
        '*.apiKey',
        '*.authorization',
        '*.Authorization',
      ],
      censor: '[REDACTED]',
    },
  });
}
