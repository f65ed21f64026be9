import { describe } from 'node:test';
import { itEvaluates } from '../testing/expression-cases.js';

describe('JSON manipulation functions', () => {
  itEvaluates([
    {
      expression:
        '@setProperty(json(\'{ "customerName": { "firstName": "Sophia", "surName": "Owen" } }\'), \'customerName\', addProperty(json(\'{ "customerName": { "firstName": "Sophia", "surName": "Owen" } }\')[\'customerName\'], \'middleName\', \'Anne\'))',
      expected: { customerName: { firstName: 'Sophia', surName: 'Owen', middleName: 'Anne' } },
    },
    {
      expression:
        '@removeProperty(json(\'{ "customerName": { "firstName": "Sophia", "middleName": "Anne", "surName": "Owen" } }\')[\'customerName\'], \'middleName\')',
      expected: { firstName: 'Sophia', surName: 'Owen' },
    },
    { expression: "@addProperty(createArray(1), 'a', 1)", error: 'InvalidArgumentType' },
    {
      expression: "@setProperty(json('{}'), '__proto__', 1).__proto__",
      expected: 1,
      why: 'a plain key, not the prototype',
    },
    { expression: "@coalesce(null, 'hello', 'world')", expected: 'hello' },
    { expression: "@coalesce(null, '')", expected: '', why: 'empty strings are not null' },
  ]);
});
