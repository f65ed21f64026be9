import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectReferences, referencedActions } from './reference-collector.js';
import { compileExpression, compileTemplate } from './template.js';

describe('collectReferences', () => {
  it('lists actions, functions, parameters, variables and loops of a whole value', () => {
    const template = compileTemplate({
      uri: "@{parameters('base')}/users/@{body('Get_user')?['id']}",
      body: "@concat(outputs('HTTP').statusCode, variables('v'), items('Loop'), iterationIndexes('Until'), result('Scope'))",
      list: ["@actions('Get_user').status", '@triggerBody()', '@item()', "@formDataValue('Form', 'k')"],
      plain: 'no expressions',
    });
    const references = collectReferences(template);
    assert.deepEqual([...references.actions].sort(), ['Form', 'Get_user', 'HTTP', 'Scope']);
    assert.deepEqual([...references.functions].sort(), [
      'actions',
      'body',
      'concat',
      'formDataValue',
      'item',
      'items',
      'iterationIndexes',
      'outputs',
      'parameters',
      'result',
      'triggerBody',
      'variables',
    ]);
    assert.deepEqual(references.parameters, ['base']);
    assert.deepEqual(references.variables, ['v']);
    assert.deepEqual([...references.loops].sort(), ['Loop', 'Until']);
    assert.equal(references.usesTrigger, true);
    assert.equal(references.usesItem, true);
    assert.equal(references.hasDynamicReferences, false);
  });

  it('flags names computed at run time', () => {
    const references = collectReferences(compileExpression("body(concat('Get_', 'user'))"));
    assert.deepEqual(references.actions, []);
    assert.equal(references.hasDynamicReferences, true);
  });

  it('uses canonical function names whatever the spelling', () => {
    assert.deepEqual(collectReferences(compileExpression("BODY('a')")).functions, ['body']);
    assert.deepEqual(referencedActions(compileExpression("BODY('a')")), ['a']);
  });
});
