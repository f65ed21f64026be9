/**
 * .NET `decimal` arithmetic, for `decimal()` and the math functions applied to its results: a coefficient and
 * a scale (value = coefficient / 10^scale), at most 28 digits after the point and 29 significant digits.
 * `string(add(decimal('1.2345678912312131'), decimal('1.2345678912312131')))` is "2.4691357824624262",
 * where doubles would give 2.469135782462426.
 */
export interface ExactDecimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

const MAX_SCALE = 28;
/** 2^96 - 1, the largest .NET decimal coefficient. */
const MAX_COEFFICIENT = 79_228_162_514_264_337_593_543_950_335n;

/** `decimal.Parse` with the invariant culture; `undefined` for text that is not a decimal number. */
export function parseExactDecimal(text: string): ExactDecimal | undefined {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?\s*$/.exec(
    text.replace(/,(?=\d{3})/g, ''),
  );
  if (match === null) return undefined;
  const integer = match[2] ?? '';
  const fraction = match[3] ?? '';
  if (integer === '' && fraction === '') return undefined;
  let coefficient = BigInt(`${integer}${fraction}` || '0');
  let scale = fraction.length - Number(match[4] ?? 0);
  if (scale < 0) {
    coefficient *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return normalizeRange({ coefficient: match[1] === '-' ? -coefficient : coefficient, scale });
}

/** A double as .NET converts it to decimal (`Convert.ToDecimal(double)` keeps 15 significant digits). */
export function decimalFromNumber(value: number): ExactDecimal | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (Number.isSafeInteger(value)) return { coefficient: BigInt(value), scale: 0 };
  return parseExactDecimal(
    value
      .toPrecision(15)
      .replace(/(\.\d*?)0+(e|$)/, '$1$2')
      .replace(/\.(e|$)/, '$1'),
  );
}

export function addDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal | undefined {
  const scale = Math.max(a.scale, b.scale);
  return normalizeRange({ coefficient: rescale(a, scale) + rescale(b, scale), scale });
}

export function subtractDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal | undefined {
  return addDecimals(a, { coefficient: -b.coefficient, scale: b.scale });
}

export function multiplyDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal | undefined {
  return normalizeRange({ coefficient: a.coefficient * b.coefficient, scale: a.scale + b.scale });
}

/** Quotient to 28 decimal places, rounded half to even, then without trailing zeros (as .NET prints it). */
export function divideDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal | undefined {
  if (b.coefficient === 0n) return undefined;
  const numerator = a.coefficient * 10n ** BigInt(MAX_SCALE + b.scale - a.scale);
  const quotient = roundHalfEven(numerator, b.coefficient);
  return normalizeRange(stripZeros({ coefficient: quotient, scale: MAX_SCALE }));
}

/** Remainder with the sign of the dividend. */
export function remainderDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal | undefined {
  if (b.coefficient === 0n) return undefined;
  const scale = Math.max(a.scale, b.scale);
  return { coefficient: rescale(a, scale) % rescale(b, scale), scale };
}

/** `decimal.ToString()` with the invariant culture: every digit of the scale, no exponent. */
export function formatExactDecimal(value: ExactDecimal): string {
  const negative = value.coefficient < 0n;
  const digits = (negative ? -value.coefficient : value.coefficient)
    .toString()
    .padStart(value.scale + 1, '0');
  const point = digits.length - value.scale;
  const text = value.scale === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${text}` : text;
}

export function exactDecimalToNumber(value: ExactDecimal): number {
  return Number(formatExactDecimal(value));
}

function rescale(value: ExactDecimal, scale: number): bigint {
  return value.coefficient * 10n ** BigInt(scale - value.scale);
}

function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  const twice = (n % d) * 2n;
  if (twice > d || (twice === d && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

function stripZeros(value: ExactDecimal): ExactDecimal {
  let { coefficient, scale } = value;
  while (scale > 0 && coefficient % 10n === 0n) {
    coefficient /= 10n;
    scale--;
  }
  return { coefficient, scale };
}

/** Rounds away digits beyond the scale and coefficient limits; `undefined` when the integer part overflows. */
function normalizeRange(value: ExactDecimal): ExactDecimal | undefined {
  let { coefficient, scale } = value;
  while (
    scale > 0 &&
    (scale > MAX_SCALE || (coefficient < 0n ? -coefficient : coefficient) > MAX_COEFFICIENT)
  ) {
    coefficient = roundHalfEven(coefficient, 10n);
    scale--;
  }
  if ((coefficient < 0n ? -coefficient : coefficient) > MAX_COEFFICIENT) return undefined;
  return { coefficient, scale };
}
