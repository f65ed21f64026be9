import { describe } from 'node:test';
import { itEvaluates } from '../testing/expression-cases.js';

describe('URI parsing functions', () => {
  itEvaluates([
    { expression: "@uriHost('https://www.localhost.com:8080')", expected: 'www.localhost.com' },
    { expression: "@uriPath('https://www.contoso.com')", expected: '/' },
    {
      expression: "@uriPathAndQuery('https://www.contoso.com/a%20b?x=1&y=2#frag')",
      expected: '/a%20b?x=1&y=2',
    },
    { expression: "@uriPort('https://www.contoso.com')", expected: 443 },
    { expression: "@uriPort('http://www.contoso.com')", expected: 80 },
    { expression: "@uriPort('ftp://files.contoso.com:2121/x')", expected: 2121 },
    { expression: "@uriQuery('https://www.contoso.com/catalog')", expected: '' },
    { expression: "@uriScheme('HTTPS://www.contoso.com')", expected: 'https' },
    { expression: "@uriHost('not a uri')", error: 'InvalidArgumentValue' },
  ]);
});
