import { XMLSerializer, type Document, type Node } from '@xmldom/xmldom';
import * as xpath from 'xpath';
import { WdlEvaluationError } from '../expression-errors.js';
import type { CallSite } from '../runtime/function-definition.js';
import { XML_CONTENT_TYPE } from '../values/binary-content.js';

const ELEMENT = 1;
const ATTRIBUTE = 2;
const DOCUMENT = 9;

/**
 * XPath 1.0 over a parsed document, with results shaped as Logic Apps returns them: numbers, strings and
 * Booleans as themselves; a node set as an array whose elements are XML content (`$content` envelopes of
 * the element's markup) and whose text, attribute and comment nodes are their string values.
 */
export function evaluateXPath(document: Document, expression: string, site: CallSite): unknown {
  let result: unknown;
  try {
    result = xpath.select(expression, document as unknown as globalThis.Node);
  } catch (error) {
    throw new WdlEvaluationError(
      'InvalidXPath',
      `The template language function '${site.name}' parameter is not valid. The XPath expression '${expression}' cannot be evaluated: ${error instanceof Error ? error.message : 'invalid expression'}.`,
      { functionName: site.name, argumentIndex: 1 },
    );
  }
  if (typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean') return result;
  if (!Array.isArray(result)) return null;
  const serializer = new XMLSerializer();
  return result.map((node: unknown) => {
    const n = node as Node;
    if (n.nodeType === ELEMENT || n.nodeType === DOCUMENT) {
      return {
        '$content-type': XML_CONTENT_TYPE,
        $content: Buffer.from(serializer.serializeToString(n), 'utf8').toString('base64'),
      };
    }
    if (n.nodeType === ATTRIBUTE) return (n as unknown as { value: string }).value;
    return n.nodeValue ?? n.textContent ?? '';
  });
}
