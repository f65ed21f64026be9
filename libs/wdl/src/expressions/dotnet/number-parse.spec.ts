import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCulture, findCulture } from './cultures.js';
import { parseDotnetDecimal, parseDotnetFloat, parseDotnetInteger } from './number-parse.js';

describe('.NET number parsing', () => {
  const floats: ReadonlyArray<[string, number | undefined]> = [
    ['10,000.333', 10000.333],
    ['12,3,4,5678', 12345678],
    ['1234567,8+', 12345678],
    ['12345,6,78,-', -12345678],
    ['-12,345,678,', -12345678],
    ['12345678.-', -12345678],
    ['.12345678', 0.12345678],
    ['  +7  ', 7],
    ['1e-3', 0.001],
    ['(1,000)', -1000],
    ['-$5', -5],
    ['', undefined],
    ['-', undefined],
    ['1.2.3', undefined],
    ['1e', undefined],
    ['--1', undefined],
    ['1 2', undefined],
  ];
  for (const [text, expected] of floats) {
    it(`reads ${JSON.stringify(text)} in en-US`, () =>
      assert.equal(parseDotnetFloat(text, defaultCulture()), expected));
  }

  it('uses the culture separators', () => {
    const german = findCulture('de-DE');
    assert.ok(german !== undefined);
    assert.equal(parseDotnetFloat('10.000,333', german), 10000.333);
    const french = findCulture('fr-FR');
    assert.ok(french !== undefined);
    assert.equal(parseDotnetFloat('10 000,5', french), 10000.5);
  });

  it('reads Int64 strings only', () => {
    assert.equal(parseDotnetInteger(' -42 '), -42);
    assert.equal(parseDotnetInteger('9223372036854775807'), 9223372036854775807);
    assert.equal(parseDotnetInteger('9223372036854775808'), undefined);
    assert.equal(parseDotnetInteger('4.0'), undefined);
    assert.equal(parseDotnetInteger('1,000'), undefined);
  });

  it('reads decimals with the invariant culture', () => {
    assert.equal(parseDotnetDecimal('1,234.5'), 1234.5);
    assert.equal(parseDotnetDecimal('-.5'), -0.5);
    assert.equal(parseDotnetDecimal('.'), undefined);
    assert.equal(parseDotnetDecimal('1e2'), 100);
  });
});
