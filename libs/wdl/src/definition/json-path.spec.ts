import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jsonPath, pointerSegments } from './json-path.js';
import { parseIsoDuration, unitDurationMs } from './iso-duration.js';

describe('jsonPath', () => {
  it('uses dots for plain names and brackets otherwise', () => {
    assert.equal(jsonPath(['actions', 'Foo', 'runAfter', 'Bar']), '$.actions.Foo.runAfter.Bar');
    assert.equal(
      jsonPath(['actions', 'Send mail', 'inputs', 'to', 0]),
      "$.actions['Send mail'].inputs.to[0]",
    );
    assert.equal(jsonPath(['actions', "it's"]), "$.actions['it\\'s']");
  });
  it('reads JSON pointers', () => {
    assert.deepEqual(pointerSegments('/actions/a~1b/0'), ['actions', 'a/b', 0]);
    assert.deepEqual(pointerSegments(''), []);
  });
});

describe('ISO 8601 durations', () => {
  const rows: [string, number | undefined][] = [
    ['PT5S', 5_000],
    ['PT1H', 3_600_000],
    ['P1D', 86_400_000],
    ['P1DT2H30M', 95_400_000],
    ['PT0.5S', 500],
    ['P1W', 604_800_000],
    ['pt10m', 600_000],
    ['P', undefined],
    ['PT', undefined],
    ['5S', undefined],
    ['', undefined],
  ];
  for (const [text, ms] of rows)
    it(`${JSON.stringify(text)} is ${String(ms)}`, () => assert.equal(parseIsoDuration(text), ms));
  it('converts Wait units', () => {
    assert.equal(unitDurationMs(2, 'Minute'), 120_000);
    assert.equal(unitDurationMs(1, 'fortnight'), undefined);
  });
});
