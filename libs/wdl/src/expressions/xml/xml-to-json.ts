import type { Element, Node } from '@xmldom/xmldom';
import type { CallSite } from '../runtime/function-definition.js';
import { defineProperty, type JsonObject } from '../values/value-types.js';
import { parseXmlText } from './xml-document.js';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PROCESSING_INSTRUCTION = 7;
const COMMENT = 8;

/**
 * XML to JSON as Logic Apps' `json(xml(...))` does (Json.NET's XmlNodeConverter rules): the declaration
 * becomes `?xml` with `@version`..., attributes `@name`, repeated child elements an array, text next to
 * attributes or elements `#text`, CDATA `#cdata-section`, and an empty element null.
 */
export function xmlTextToJson(text: string, site: CallSite): JsonObject {
  const document = parseXmlText(text, site);
  const result: JsonObject = {};
  for (let node = document.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === PROCESSING_INSTRUCTION && node.nodeName === 'xml') {
      defineProperty(result, '?xml', declarationAttributes((node as unknown as { data: string }).data));
    } else if (node.nodeType === ELEMENT) {
      defineProperty(result, node.nodeName, elementValue(node as Element));
    }
  }
  return result;
}

function declarationAttributes(data: string): JsonObject {
  const attributes: JsonObject = {};
  for (const match of data.matchAll(/([A-Za-z]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    defineProperty(attributes, `@${match[1] ?? ''}`, match[2] ?? match[3] ?? '');
  }
  return attributes;
}

function elementValue(element: Element): unknown {
  const attributes = element.attributes;
  const children: Node[] = [];
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === TEXT && (node.nodeValue ?? '').trim() === '') continue;
    children.push(node);
  }
  if (attributes.length === 0) {
    if (children.length === 0) return null;
    if (children.length === 1 && children[0]?.nodeType === TEXT) return children[0].nodeValue ?? '';
  }
  const object: JsonObject = {};
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes.item(i);
    if (attribute !== null) defineProperty(object, `@${attribute.name}`, attribute.value);
  }
  for (const child of children) {
    switch (child.nodeType) {
      case ELEMENT:
        append(object, child.nodeName, elementValue(child as Element));
        break;
      case TEXT:
        append(object, '#text', child.nodeValue ?? '');
        break;
      case CDATA:
        append(object, '#cdata-section', child.nodeValue ?? '');
        break;
      case COMMENT:
        append(object, '#comment', child.nodeValue ?? '');
        break;
      default:
        break;
    }
  }
  return object;
}

/** Adds a member; a second member of the same name turns the value into an array (element values never are arrays). */
function append(object: JsonObject, name: string, value: unknown): void {
  if (!Object.hasOwn(object, name)) {
    defineProperty(object, name, value);
    return;
  }
  const existing = object[name];
  if (Array.isArray(existing)) existing.push(value);
  else defineProperty(object, name, [existing, value]);
}
