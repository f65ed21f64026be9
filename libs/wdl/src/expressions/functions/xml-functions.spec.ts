import { describe } from 'node:test';
import { itEvaluates } from '../testing/expression-cases.js';

const xmlOf = (text: string): unknown => ({
  '$content-type': 'application/xml;charset=utf-8',
  $content: Buffer.from(text).toString('base64'),
});
const produce = {
  parameters: {
    items:
      "<?xml version=\"1.0\"?><produce><item><name expired='true' price='12'>Gala</name><type>apple</type><count>20</count></item>" +
      "<item><name expired='false' price='40'>Honeycrisp</name><type>apple</type><count>10</count></item></produce>",
  },
};

describe('XML functions', () => {
  itEvaluates([
    { expression: "@xml('<name>Sophia Owen</name>')", expected: xmlOf('<name>Sophia Owen</name>') },
    { expression: '@xml(json(\'{ "name": "Sophia Owen" }\'))', expected: xmlOf('<name>Sophia Owen</name>') },
    {
      expression:
        '@xml(json(\'{"root":{"array":[{ "ID": 1, "Name": "James" },{ "ID": 2, "Name": "John" }]}}\'))',
      expected: xmlOf(
        '<root><array><ID>1</ID><Name>James</Name></array><array><ID>2</ID><Name>John</Name></array></root>',
      ),
    },
    {
      expression: '@xml(json(\'{"a": {"@id": 1, "#text": "x < y", "b": null}}\'))',
      expected: xmlOf('<a id="1">x &lt; y<b /></a>'),
    },
    { expression: "@xml(json('[1, 2]'))", error: 'InvalidArgumentType' },
    { expression: '@xml(json(\'{"a": 1, "b": 2}\'))', error: 'InvalidXml', why: 'more than one root' },
    { expression: '@xml(json(\'{"a": [1, 2]}\'))', error: 'InvalidXml', why: 'the root cannot be an array' },
    { expression: "@xml('<a><b></a>')", error: 'InvalidXml' },
    { expression: "@xml('plain text')", error: 'InvalidXml' },
    { expression: "@string(xml('<a>1</a>'))", expected: '<a>1</a>' },
    {
      expression: '@json(xml(\'<a x="1"><b/><b>2</b><c><![CDATA[<raw>]]></c></a>\'))',
      expected: { a: { '@x': '1', b: [null, '2'], c: { '#cdata-section': '<raw>' } } },
    },
    {
      expression: "@json(xml('<a>text<b>1</b>tail</a>'))",
      expected: { a: { '#text': ['text', 'tail'], b: '1' } },
    },
    {
      expression: "@xpath(xml(parameters('items')), '//name[@price>35]')",
      expected: [xmlOf('<name expired="false" price="40">Honeycrisp</name>')],
      context: produce,
    },
    {
      expression: "@xpath(xml(parameters('items')), '/produce/item/name[1]/text()')",
      expected: ['Gala', 'Honeycrisp'],
      context: produce,
    },
    { expression: "@xpath(xml(parameters('items')), 'count(//item)')", expected: 2, context: produce },
    {
      expression: "@xpath(xml(parameters('items')), 'string(//item[2]/type)')",
      expected: 'apple',
      context: produce,
    },
    {
      expression: "@xpath(xml(parameters('items')), 'boolean(//nothing)')",
      expected: false,
      context: produce,
    },
    {
      expression: "@xpath(xml(parameters('items')), '//name/@price')",
      expected: ['12', '40'],
      context: produce,
    },
    {
      expression: "@xpath(parameters('items'), '//nothing')",
      expected: [],
      context: produce,
      why: 'an XML string works as well',
    },
    { expression: "@xpath(xml(parameters('items')), '//[')", error: 'InvalidXPath', context: produce },
    { expression: "@xpath(1, '/a')", error: 'InvalidArgumentType' },
  ]);
});
