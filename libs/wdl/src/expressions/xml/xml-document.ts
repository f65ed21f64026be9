import { DOMParser, type Document } from '@xmldom/xmldom';
import { WdlEvaluationError } from '../expression-errors.js';
import { typeError } from '../runtime/argument-checks.js';
import type { CallSite } from '../runtime/function-definition.js';
import { envelopeText, isContentEnvelope } from '../values/binary-content.js';

class XmlParseFailure extends Error {}

/** Parses XML text; malformed XML is a typed `InvalidXml` error naming the function. */
export function parseXmlText(text: string, site: CallSite): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new XmlParseFailure(message);
    },
  });
  try {
    const document = parser.parseFromString(text, 'text/xml');
    if (document.documentElement === null) throw new XmlParseFailure('the document has no root element');
    return document;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : 'malformed XML';
    throw new WdlEvaluationError(
      'InvalidXml',
      `The template language function '${site.name}' parameter is not valid. The provided value cannot be parsed as XML: ${reason}.`,
      {
        functionName: site.name,
        argumentIndex: 0,
      },
    );
  }
}

/** An XML argument: XML content (as `xml()` returns it) or a string with XML. */
export function argXmlDocument(args: readonly unknown[], index: number, site: CallSite): Document {
  const value = args[index];
  if (isContentEnvelope(value)) return parseXmlText(envelopeText(value), site);
  if (typeof value === 'string') return parseXmlText(value, site);
  throw typeError(site, index, 'XML or a string with XML', value);
}
