import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARM_PLACEHOLDER,
  countArmExpressions,
  isArmExpression,
  replaceArmExpressions,
} from './arm-preprocessor.js';

describe('ARM pre-processing', () => {
  it('recognises ARM expressions and the [[ escape', () => {
    assert.equal(isArmExpression("[parameters('x')]"), true);
    assert.equal(isArmExpression('[[literal]'), false);
    assert.equal(isArmExpression("@parameters('x')"), false);
  });

  it('replaces ARM expressions by a placeholder and remembers where', () => {
    const result = replaceArmExpressions({
      actions: {
        'Get it': { type: "[variables('t')]", inputs: { uri: '[[not arm]', list: ["[concat('a')]"] } },
      },
    });
    assert.deepEqual(result.value, {
      actions: { 'Get it': { type: ARM_PLACEHOLDER, inputs: { uri: '[not arm]', list: [ARM_PLACEHOLDER] } } },
    });
    assert.deepEqual(result.replacedPaths, [
      "$.actions['Get it'].type",
      "$.actions['Get it'].inputs.list[0]",
    ]);
    assert.equal(countArmExpressions({ a: '[a()]', b: 'b' }), 1);
  });
});
