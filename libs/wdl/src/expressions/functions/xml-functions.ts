import { typeError } from '../runtime/argument-checks.js';
import { fn, type FunctionDefinition } from '../runtime/function-definition.js';
import {
  contentType,
  envelopeText,
  isContentEnvelope,
  isXmlContentType,
  XML_CONTENT_TYPE,
} from '../values/binary-content.js';
import { isObject } from '../values/value-types.js';
import { argXmlDocument, parseXmlText } from '../xml/xml-document.js';
import { jsonToXml } from '../xml/json-to-xml.js';
import { evaluateXPath } from '../xml/xpath-evaluation.js';
import { argString } from '../runtime/argument-checks.js';

function xmlEnvelope(text: string): { '$content-type': string; $content: string } {
  return { '$content-type': XML_CONTENT_TYPE, $content: Buffer.from(text, 'utf8').toString('base64') };
}

export const XML_FUNCTIONS: readonly FunctionDefinition[] = [
  fn('xml', 1, 1, (args, _ctx, site) => {
    const value = args[0];
    if (isContentEnvelope(value)) {
      if (isXmlContentType(contentType(value))) return value;
      const text = envelopeText(value);
      parseXmlText(text, site);
      return xmlEnvelope(text);
    }
    if (typeof value === 'string') {
      parseXmlText(value, site);
      return xmlEnvelope(value);
    }
    if (isObject(value)) return xmlEnvelope(jsonToXml(value, site));
    throw typeError(site, 0, 'a string with XML or an object with a single root property', value, true);
  }),
  fn('xpath', 2, 2, (args, _ctx, site) =>
    evaluateXPath(argXmlDocument(args, 0, site), argString(args, 1, site), site),
  ),
];
