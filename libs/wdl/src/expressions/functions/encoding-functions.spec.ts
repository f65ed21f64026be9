import { describe } from 'node:test';
import { itEvaluates } from '../testing/expression-cases.js';

const octet = (content: string): unknown => ({
  '$content-type': 'application/octet-stream',
  $content: content,
});

describe('encoding functions', () => {
  itEvaluates([
    { expression: "@base64('hello')", expected: 'aGVsbG8=' },
    { expression: "@base64('héllo ✓')", expected: 'aMOpbGxvIOKckw==' },
    { expression: "@base64ToString('aMOpbGxvIOKckw==')", expected: 'héllo ✓' },
    { expression: "@base64ToString('not base64!')", error: 'InvalidArgumentValue' },
    { expression: "@base64ToBinary('aGVsbG8=')", expected: octet('aGVsbG8=') },
    {
      expression: "@base64(base64ToBinary('aGVsbG8='))",
      expected: 'aGVsbG8=',
      why: 'binary content is already base64',
    },
    { expression: "@base64ToString(binary('hi'))", expected: 'hi' },
    { expression: "@string(binary('hello'))", expected: 'hello', why: 'binary content reads as its text' },
    { expression: "@binary('hello')", expected: octet('aGVsbG8=') },
    { expression: "@decodeBase64('aGVsbG8=')", expected: 'hello' },
    { expression: "@dataUri('hello')", expected: 'data:text/plain;charset=utf-8;base64,aGVsbG8=' },
    {
      expression: "@dataUri(base64ToBinary('aGVsbG8='))",
      expected: 'data:application/octet-stream;base64,aGVsbG8=',
    },
    { expression: "@dataUriToBinary('data:application/octet-stream;base64,AAEC')", expected: octet('AAEC') },
    {
      expression: "@dataUriToBinary('data:text/plain;charset=utf-8;base64,aGVsbG8=')",
      expected: 'hello',
      why: 'text content is a string',
    },
    { expression: "@dataUriToString('data:,a%20b')", expected: 'a b' },
    { expression: "@dataUriToString('hello')", error: 'InvalidArgumentValue' },
    { expression: "@uriComponent('a b&c/d?é!*()~')", expected: 'a%20b%26c%2Fd%3F%C3%A9%21%2A%28%29~' },
    { expression: "@encodeUriComponent('https://contoso.com')", expected: 'https%3A%2F%2Fcontoso.com' },
    {
      expression: "@encodeURIComponent('workflows/', 'a b', '/runs/', 7)",
      expected: 'workflows%2Fa%20b%2Fruns%2F7',
      why: 'the older name encodes the concatenation of all its arguments',
    },
    { expression: "@encodeURIComponent('', null, '-topic')", expected: '-topic' },
    { expression: "@uriComponent('a', 'b')", error: 'syntax:InvalidArgumentCount' },
    { expression: "@uriComponentToString('a%20b%zz')", expected: 'a b%zz', why: 'malformed escapes stay' },
    { expression: "@decodeUriComponent('%E2%9C%93')", expected: '✓' },
    { expression: "@uriComponentToBinary('%00%01')", expected: octet('AAE=') },
  ]);
});
