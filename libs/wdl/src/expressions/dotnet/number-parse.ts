import type { Culture } from './cultures.js';

/**
 * .NET `double.Parse(text, NumberStyles.Any, culture)`: leading/trailing white space, a leading or trailing
 * sign, parentheses for negatives, the currency symbol, group separators anywhere in the integer part
 * after a first digit, one decimal separator, an exponent. This is why the documented "unexpectedly valid"
 * inputs such as `12,3,4,5678` or `12345678.-` parse.
 */
export function parseDotnetFloat(text: string, culture: Culture): number | undefined {
  let s = text.trim();
  if (s === '') return undefined;
  let negative = false;
  let signSeen = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    signSeen = true;
    s = s.slice(1, -1).trim();
  }
  s = stripCurrency(s, culture);
  if (!signSeen && (s.startsWith('-') || s.startsWith('+'))) {
    negative = s.startsWith('-');
    signSeen = true;
    s = stripCurrency(s.slice(1).trimStart(), culture);
  }
  let digits = '';
  let fraction = '';
  let sawDigit = false;
  let sawPoint = false;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if (c >= '0' && c <= '9') {
      sawDigit = true;
      if (sawPoint) fraction += c;
      else digits += c;
    } else if (!sawPoint && s.startsWith(culture.decimal, i)) {
      sawPoint = true;
      i += culture.decimal.length - 1;
    } else if (!sawPoint && sawDigit && s.startsWith(culture.group, i)) {
      i += culture.group.length - 1;
    } else if (!sawPoint && sawDigit && culture.group === '\u00a0' && c === ' ') {
      // Cultures grouping with a no-break space also accept a plain space, as .NET does.
    } else {
      break;
    }
  }
  if (!sawDigit) return undefined;
  let exponent = 0;
  if ((s[i] === 'e' || s[i] === 'E') && i + 1 < s.length) {
    const match = /^[eE]([+-]?)(\d{1,6})/.exec(s.slice(i));
    if (match !== null) {
      exponent = Number(match[2]) * (match[1] === '-' ? -1 : 1);
      i += match[0].length;
    }
  }
  let rest = stripCurrency(s.slice(i).trim(), culture);
  if (!signSeen && (rest.startsWith('-') || rest.startsWith('+'))) {
    negative = rest.startsWith('-');
    rest = stripCurrency(rest.slice(1).trim(), culture);
  }
  if (rest !== '') return undefined;
  const value = Number(`${digits === '' ? '0' : digits}.${fraction === '' ? '0' : fraction}e${exponent}`);
  if (!Number.isFinite(value)) return undefined;
  return negative ? -value : value;
}

function stripCurrency(text: string, culture: Culture): string {
  const symbol = culture.currencySymbol;
  if (symbol === '') return text;
  if (text.startsWith(symbol)) return text.slice(symbol.length).trim();
  if (text.endsWith(symbol)) return text.slice(0, -symbol.length).trim();
  return text;
}

/** .NET `long.Parse(text, NumberStyles.Integer, InvariantCulture)`: white space, an optional sign, digits. */
export function parseDotnetInteger(text: string): number | undefined {
  const match = /^\s*([+-]?)(\d{1,19})\s*$/.exec(text);
  if (match === null) return undefined;
  const value = BigInt(`${match[1] === '-' ? '-' : ''}${match[2] ?? '0'}`);
  if (value > 9_223_372_036_854_775_807n || value < -9_223_372_036_854_775_808n) return undefined;
  return Number(value);
}

/** .NET `decimal.Parse(text, NumberStyles.Number | AllowExponent, InvariantCulture)`, as a double. */
export function parseDotnetDecimal(text: string): number | undefined {
  const match = /^\s*([+-]?)(\d{1,29}(?:,\d{3})*|\d*)(?:\.(\d{0,28}))?(?:[eE]([+-]?\d{1,3}))?\s*$/.exec(text);
  if (match === null || ((match[2] ?? '') === '' && (match[3] ?? '') === '')) return undefined;
  const value = Number(
    `${match[1] ?? ''}${(match[2] ?? '0').replace(/,/g, '') || '0'}.${match[3] || '0'}e${match[4] ?? '0'}`,
  );
  return Number.isFinite(value) ? value : undefined;
}
