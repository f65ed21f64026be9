import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDecimals,
  decimalFromNumber,
  divideDecimals,
  formatExactDecimal,
  multiplyDecimals,
  parseExactDecimal,
  remainderDecimals,
  subtractDecimals,
  type ExactDecimal,
} from './exact-decimal.js';

function d(text: string): ExactDecimal {
  const value = parseExactDecimal(text);
  assert.ok(value !== undefined, text);
  return value;
}

function text(value: ExactDecimal | undefined): string | undefined {
  return value === undefined ? undefined : formatExactDecimal(value);
}

describe('exact .NET decimals', () => {
  it('parses and prints with the scale kept', () => {
    for (const [input, output] of [
      ['1.50', '1.50'],
      ['-0.001', '-0.001'],
      ['1,234.5', '1234.5'],
      ['1e3', '1000'],
      ['1.5E-2', '0.015'],
      ['.5', '0.5'],
    ]) {
      assert.equal(text(parseExactDecimal(input as string)), output);
    }
    assert.equal(parseExactDecimal('abc'), undefined);
    assert.equal(parseExactDecimal('.'), undefined);
    assert.equal(parseExactDecimal('79228162514264337593543950336'), undefined, 'beyond 2^96 - 1');
  });

  it('does decimal arithmetic like .NET', () => {
    assert.equal(text(addDecimals(d('0.1'), d('0.2'))), '0.3');
    assert.equal(text(subtractDecimals(d('1.00'), d('0.5'))), '0.50');
    assert.equal(text(multiplyDecimals(d('1.5'), d('1.5'))), '2.25');
    assert.equal(text(divideDecimals(d('10'), d('4'))), '2.5');
    assert.equal(text(divideDecimals(d('2'), d('3'))), '0.6666666666666666666666666667');
    assert.equal(divideDecimals(d('1'), d('0')), undefined);
    assert.equal(text(remainderDecimals(d('-5.5'), d('2'))), '-1.5');
    assert.equal(
      text(multiplyDecimals(d('0.0000000000000001'), d('0.0000000000000001'))),
      '0.0000000000000000000000000000',
      'rounded to 28 places',
    );
  });

  it('converts doubles with 15 significant digits', () => {
    assert.equal(text(decimalFromNumber(0.1)), '0.1');
    assert.equal(text(decimalFromNumber(2.2)), '2.2');
    assert.equal(text(decimalFromNumber(1e-7)), '0.0000001');
    assert.equal(text(decimalFromNumber(42)), '42');
    assert.equal(decimalFromNumber(Number.NaN), undefined);
  });
});
