import type { Culture } from './cultures.js';
import { fixedDigits, groupDigits, scientificDigits } from './number-digits.js';

/** One character class of a custom numeric pattern, after quotes and escapes are resolved. */
type PatternItem =
  | { readonly kind: 'zero' | 'hash' | 'point' | 'comma' | 'percent' | 'permille' }
  | { readonly kind: 'exponent'; readonly letter: string; readonly plus: boolean; readonly digits: number }
  | { readonly kind: 'literal'; readonly text: string };

/**
 * .NET custom numeric format strings: `0` and `#` placeholders, `.`, `,` (grouping, or scaling by 1000
 * right before the point), `%`, `‰`, `E+0`-style exponents, quoted and escaped literals, and up to three
 * `;`-separated sections (positive; negative; zero).
 */
export function formatCustomNumber(
  value: number,
  format: string,
  culture: Culture,
): string | { error: string } {
  const sections = splitSections(format);
  if (typeof sections === 'string') return { error: sections };
  const [positive = [], negative, zero] = sections;
  let items = positive;
  let number = value;
  let explicitSign = false;
  if (value < 0 && negative !== undefined && negative.length > 0) {
    items = negative;
    number = -value;
    explicitSign = true;
  }
  const text = renderSection(items, number, culture, explicitSign);
  if (zero !== undefined && zero.length > 0 && !/[1-9]/.test(digitsOf(text)))
    return renderSection(zero, 0, culture, true);
  return text;
}

function digitsOf(text: string): string {
  return text.replace(/[^0-9]/g, '');
}

function splitSections(format: string): PatternItem[][] | string {
  const sections: PatternItem[][] = [[]];
  let current = sections[0] as PatternItem[];
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    switch (c) {
      case ';':
        if (sections.length === 3) return 'a numeric format has at most three sections';
        current = [];
        sections.push(current);
        break;
      case '0':
        current.push({ kind: 'zero' });
        break;
      case '#':
        current.push({ kind: 'hash' });
        break;
      case '.':
        current.push({ kind: 'point' });
        break;
      case ',':
        current.push({ kind: 'comma' });
        break;
      case '%':
        current.push({ kind: 'percent' });
        break;
      case '‰':
        current.push({ kind: 'permille' });
        break;
      case "'":
      case '"': {
        const end = format.indexOf(c, i + 1);
        if (end === -1) return 'a quoted literal is not terminated';
        current.push({ kind: 'literal', text: format.slice(i + 1, end) });
        i = end;
        break;
      }
      case '\\':
        if (i + 1 < format.length) current.push({ kind: 'literal', text: format[i + 1] as string });
        i++;
        break;
      case 'E':
      case 'e': {
        let j = i + 1;
        let plus = false;
        if (format[j] === '+' || format[j] === '-') {
          plus = format[j] === '+';
          j++;
        }
        let digits = 0;
        while (format[j] === '0') {
          digits++;
          j++;
        }
        if (digits === 0) {
          current.push({ kind: 'literal', text: c });
          break;
        }
        current.push({ kind: 'exponent', letter: c, plus, digits });
        i = j - 1;
        break;
      }
      default:
        current.push({ kind: 'literal', text: c });
    }
  }
  return sections;
}

function renderSection(
  items: readonly PatternItem[],
  value: number,
  culture: Culture,
  explicitSign: boolean,
): string {
  const pointIndex = items.findIndex((item) => item.kind === 'point');
  const exponentIndex = items.findIndex((item) => item.kind === 'exponent');
  const integerEnd = pointIndex !== -1 ? pointIndex : exponentIndex !== -1 ? exponentIndex : items.length;
  const isDigit = (item: PatternItem): boolean => item.kind === 'zero' || item.kind === 'hash';
  const firstDigit = items.findIndex(isDigit);
  const lastIntegerDigit = findLastIndex(items.slice(0, integerEnd), isDigit);
  // Commas right before the point (after the last integer placeholder) divide by 1000 each; others group.
  let scaleCommas = 0;
  for (let i = integerEnd - 1; i > lastIntegerDigit && i >= 0; i--)
    if (items[i]?.kind === 'comma') scaleCommas++;
  const grouping = items.some((item, i) => item.kind === 'comma' && i > firstDigit && i < lastIntegerDigit);
  let scaled = value / 1000 ** scaleCommas;
  for (const item of items) {
    if (item.kind === 'percent') scaled *= 100;
    if (item.kind === 'permille') scaled *= 1000;
  }
  const integerSlots = items.slice(0, integerEnd).filter(isDigit);
  const firstZero = integerSlots.findIndex((item) => item.kind === 'zero');
  const minInteger = firstZero === -1 ? 0 : integerSlots.length - firstZero;
  const fractionEnd = exponentIndex !== -1 ? exponentIndex : items.length;
  const fractionSlots = pointIndex === -1 ? [] : items.slice(pointIndex + 1, fractionEnd).filter(isDigit);
  const lastZero = findLastIndex(fractionSlots, (item) => item.kind === 'zero');
  const minFraction = lastZero + 1;
  const exponentItem =
    exponentIndex === -1 ? undefined : (items[exponentIndex] as Extract<PatternItem, { kind: 'exponent' }>);

  let integer: string;
  let fraction: string;
  let exponent = 0;
  if (exponentItem !== undefined && scaled !== 0) {
    const leading = Math.max(integerSlots.length, 1);
    const sci = scientificDigits(scaled, leading + fractionSlots.length);
    exponent = sci.exponent - (leading - 1);
    const digits = sci.digits.padEnd(leading + fractionSlots.length, '0');
    integer = digits.slice(0, leading).replace(/^0+/, '');
    fraction = digits.slice(leading);
  } else {
    ({ integer, fraction } = fixedDigits(scaled, fractionSlots.length));
  }
  fraction = fraction.replace(/0+$/, '').padEnd(minFraction, '0');
  integer = integer.padStart(minInteger, '0');
  const negative = !explicitSign && value < 0 && /[1-9]/.test(integer + fraction);

  let out = '';
  let integerDigits = integer;
  const placeholderCount = integerSlots.length;
  let placeholderSeen = 0;
  let fractionPosition = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as PatternItem;
    if (i < integerEnd) {
      if (item.kind === 'zero' || item.kind === 'hash') {
        placeholderSeen++;
        if (grouping) {
          if (placeholderSeen === 1) out += groupDigits(integerDigits, culture.group);
          continue;
        }
        // Digits fill the placeholders from the right; surplus digits go to the first placeholder.
        const remainingSlots = placeholderCount - placeholderSeen;
        if (placeholderSeen === 1 && integerDigits.length > placeholderCount) {
          out += integerDigits.slice(0, integerDigits.length - placeholderCount);
          integerDigits = integerDigits.slice(integerDigits.length - placeholderCount);
        }
        if (integerDigits.length > remainingSlots) {
          out += integerDigits.slice(0, integerDigits.length - remainingSlots);
          integerDigits = integerDigits.slice(integerDigits.length - remainingSlots);
        }
        continue;
      }
      if (item.kind === 'comma') continue;
    } else if (item.kind === 'point') {
      if (fraction !== '') out += culture.decimal;
      continue;
    } else if (item.kind === 'zero' || item.kind === 'hash') {
      if (i < fractionEnd) out += fraction[fractionPosition++] ?? '';
      continue;
    } else if (item.kind === 'comma') {
      continue;
    }
    switch (item.kind) {
      case 'percent':
        out += culture.percentSymbol;
        break;
      case 'permille':
        out += culture.perMilleSymbol;
        break;
      case 'exponent': {
        const sign = exponent < 0 ? culture.negativeSign : item.plus ? '+' : '';
        out += `${item.letter}${sign}${String(Math.abs(exponent)).padStart(item.digits, '0')}`;
        break;
      }
      case 'literal':
        out += item.text;
        break;
      default:
        break;
    }
  }
  return negative ? culture.negativeSign + out : out;
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i] as T)) return i;
  return -1;
}
