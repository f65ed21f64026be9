import { envelopeText, isContentEnvelope } from './binary-content.js';

/**
 * The string form of a value where Logic Apps converts implicitly: `@{...}` interpolation, `string()`,
 * `concat()`. Null becomes '', booleans `True`/`False` (the .NET spelling), numbers their .NET text,
 * binary content its decoded text, and objects and arrays compact JSON.
 */
export function toTemplateString(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatNumberText(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'undefined':
      return '';
    case 'object':
      if (value === null) return '';
      if (isContentEnvelope(value)) return envelopeText(value);
      return toJsonText(value);
    default:
      return String(value);
  }
}

/** Compact JSON text of a value. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * A number as .NET prints it: integers in full, floats in the shortest round-trip form, switching to
 * exponent notation (`1E+15`, `1E-05`) where .NET does (exponent at least 15, or below -5).
 */
export function formatNumberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value === 0 ? '0' : String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= 15 || exponent < -5) {
    const digits = Math.abs(exponent) < 10 ? `0${Math.abs(exponent)}` : String(Math.abs(exponent));
    return `${mantissa}E${exponent < 0 ? '-' : '+'}${digits}`;
  }
  return String(value);
}
