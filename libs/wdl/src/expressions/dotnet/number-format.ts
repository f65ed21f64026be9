import type { Culture } from './cultures.js';
import { formatCustomNumber } from './number-format-custom.js';
import { fixedDigits, groupDigits, scientificDigits } from './number-digits.js';

/**
 * .NET `number.ToString(format, culture)`. Standard formats (`C`, `D`, `E`, `F`, `G`, `N`, `P`, `R`, `X`
 * with an optional precision) and custom patterns (`#,##0.00`, `0.###E+0`, `(###) ###-####`, sections).
 * Returns an error text for formats .NET rejects.
 */
export function formatNumber(
  value: number,
  format: string,
  culture: Culture,
  isInteger: boolean,
): string | { error: string } {
  const standard = /^([A-Za-z])(\d{0,9})$/.exec(format);
  if (standard === null || format === '')
    return formatCustomNumber(value, format === '' ? 'G' : format, culture);
  const letter = standard[1] as string;
  const precision = standard[2] === '' || standard[2] === undefined ? undefined : Number(standard[2]);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  switch (letter.toUpperCase()) {
    case 'C':
      return currency(value, precision ?? culture.currencyDigits, culture);
    case 'D':
      if (!isInteger || !Number.isInteger(value))
        return { error: `The format '${format}' is only valid for integers.` };
      return (
        (value < 0 ? culture.negativeSign : '') + fixedDigits(value, 0).integer.padStart(precision ?? 1, '0')
      );
    case 'E':
      return exponential(value, precision ?? 6, letter, culture);
    case 'F':
      return signed(value, fixed(value, precision ?? 2, culture, false), culture);
    case 'N':
      return signed(value, fixed(value, precision ?? 2, culture, true), culture);
    case 'P': {
      const scaled = value * 100;
      return signed(
        scaled,
        `${fixed(scaled, precision ?? 2, culture, true)}${culture.percentSpacing}${culture.percentSymbol}`,
        culture,
      );
    }
    case 'G':
      return general(value, precision, letter === 'g' ? 'e' : 'E', culture);
    case 'R':
      return general(value, undefined, 'E', culture);
    case 'X':
      if (!isInteger || !Number.isInteger(value))
        return { error: `The format '${format}' is only valid for integers.` };
      return hex(value, precision ?? 0, letter === 'x');
    default:
      return { error: `The format '${format}' is not a valid standard numeric format.` };
  }
}

function fixed(value: number, precision: number, culture: Culture, grouped: boolean): string {
  const { integer, fraction } = fixedDigits(value, precision);
  const whole = integer === '' ? '0' : integer;
  return (
    (grouped ? groupDigits(whole, culture.group) : whole) +
    (fraction === '' ? '' : culture.decimal + fraction)
  );
}

/** Prefixes the negative sign unless rounding made the number zero (`-0.001` with `F2` prints `0.00`). */
function signed(value: number, text: string, culture: Culture): string {
  return value < 0 && /[1-9]/.test(text) ? culture.negativeSign + text : text;
}

function currency(value: number, precision: number, culture: Culture): string {
  const amount = fixed(value, precision, culture, true);
  const negative = value < 0 && /[1-9]/.test(amount);
  const symbol = culture.currencySymbol;
  const sign = culture.negativeSign;
  if (!negative) {
    switch (culture.currencyPositive) {
      case 1:
        return `${amount}${symbol}`;
      case 2:
        return `${symbol} ${amount}`;
      case 3:
        return `${amount} ${symbol}`;
      default:
        return `${symbol}${amount}`;
    }
  }
  switch (culture.currencyNegative) {
    case 0:
      return `(${symbol}${amount})`;
    case 2:
      return `${symbol}${sign}${amount}`;
    case 5:
      return `${sign}${amount}${symbol}`;
    case 8:
      return `${sign}${amount} ${symbol}`;
    case 9:
      return `${sign}${symbol} ${amount}`;
    case 12:
      return `${symbol} ${sign}${amount}`;
    default:
      return `${sign}${symbol}${amount}`;
  }
}

function exponential(value: number, precision: number, letter: string, culture: Culture): string {
  const { digits, exponent } = scientificDigits(value, precision + 1);
  const mantissa =
    digits.slice(0, 1) + (precision > 0 ? culture.decimal + digits.slice(1).padEnd(precision, '0') : '');
  const exp = `${letter}${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(3, '0')}`;
  return signed(value, mantissa + exp, culture);
}

/** `G`/`R`: shortest (or `precision` significant digits), scientific when the exponent is large or small. */
function general(value: number, precision: number | undefined, e: string, culture: Culture): string {
  if (value === 0) return '0';
  const { digits, exponent } = scientificDigits(value, precision === 0 ? undefined : precision);
  const trimmed = digits.replace(/0+$/, '') || '0';
  const limit = precision === undefined || precision === 0 ? 15 : precision;
  let text: string;
  if (exponent >= limit || exponent < -5) {
    const mantissa = trimmed.slice(0, 1) + (trimmed.length > 1 ? culture.decimal + trimmed.slice(1) : '');
    text = `${mantissa}${e}${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  } else if (exponent < 0) {
    text = `0${culture.decimal}${'0'.repeat(-exponent - 1)}${trimmed}`;
  } else {
    const integer = trimmed.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = trimmed.slice(exponent + 1);
    text = integer + (fraction === '' ? '' : culture.decimal + fraction);
  }
  return value < 0 ? culture.negativeSign + text : text;
}

function hex(value: number, precision: number, lower: boolean): string {
  const text = BigInt.asUintN(64, BigInt(value)).toString(16).padStart(precision, '0');
  return lower ? text : text.toUpperCase();
}
