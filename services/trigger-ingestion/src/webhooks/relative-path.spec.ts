import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileRelativePath } from './relative-path.js';

describe('compileRelativePath', () => {
  const path = compileRelativePath('/orders/{orderId}/lines/{line}');

  it('captures each {name} segment, decoded', () => {
    assert.deepEqual(path.match('/orders/A%2F7/lines/3'), { orderId: 'A/7', line: '3' });
  });

  it('matches literal segments case-insensitively and ignores extra slashes', () => {
    assert.deepEqual(path.match('Orders//9/LINES/1/'), { orderId: '9', line: '1' });
  });

  it('refuses paths of another shape', () => {
    assert.equal(path.match('/orders/9'), undefined);
    assert.equal(path.match('/orders/9/items/1'), undefined);
    assert.equal(path.match('/orders/9/lines/1/extra'), undefined);
    assert.equal(path.match('/orders/%E0%A4%A/lines/1'), undefined);
  });

  it('without parameters matches only the literal path', () => {
    const fixed = compileRelativePath('status');
    assert.deepEqual(fixed.match('/status'), {});
    assert.equal(fixed.match('/status/1'), undefined);
  });
});
