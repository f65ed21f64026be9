/**
 * Decimal digit strings of doubles, the building block of .NET numeric formatting. Rounding follows the
 * exact binary value of the double (as .NET Core 3.0+ and `toFixed` do).
 */
export interface FixedDigits {
  /** Integer digits without leading zeros ('' when the integer part is zero). */
  readonly integer: string;
  /** Exactly the requested number of fraction digits. */
  readonly fraction: string;
}

/** `|value|` rounded to `fractionDigits` digits after the point (up to 100). */
export function fixedDigits(value: number, fractionDigits: number): FixedDigits {
  const abs = Math.abs(value);
  const digits = Math.min(Math.max(fractionDigits, 0), 100);
  let text: string;
  if (abs < 1e21) {
    text = abs.toFixed(digits);
  } else {
    text = BigInt(abs).toString() + (digits > 0 ? `.${'0'.repeat(digits)}` : '');
  }
  const point = text.indexOf('.');
  const integer = (point === -1 ? text : text.slice(0, point)).replace(/^0+/, '');
  const fraction = point === -1 ? '' : text.slice(point + 1);
  return { integer, fraction };
}

/** Significant digits and decimal exponent of `|value|`: value = 0.d1d2d3... × 10^(exponent+1). */
export interface ScientificDigits {
  readonly digits: string;
  /** Exponent of the first digit (1234.5 has exponent 3). */
  readonly exponent: number;
}

/** `|value|` with `precision` significant digits, or the shortest round-trip digits when omitted. */
export function scientificDigits(value: number, precision?: number): ScientificDigits {
  const abs = Math.abs(value);
  if (abs === 0) return { digits: '0', exponent: 0 };
  const text =
    precision === undefined
      ? abs.toExponential()
      : abs.toExponential(Math.min(Math.max(precision, 1), 101) - 1);
  const [mantissa = '0', exp = '0'] = text.split('e');
  return { digits: mantissa.replace('.', ''), exponent: Number(exp) };
}

/** Inserts group separators into integer digits, with .NET group sizes (e.g. [3] or [3, 2]). */
export function groupDigits(integer: string, separator: string, sizes: readonly number[] = [3]): string {
  if (integer.length <= (sizes[0] ?? 3)) return integer;
  const groups: string[] = [];
  let end = integer.length;
  let sizeIndex = 0;
  while (end > 0) {
    const size = sizes[Math.min(sizeIndex, sizes.length - 1)] ?? 3;
    const start = size === 0 ? 0 : Math.max(end - size, 0);
    groups.unshift(integer.slice(start, end));
    end = start;
    sizeIndex++;
  }
  return groups.join(separator);
}
