import { DOMParser, type Node } from '@xmldom/xmldom';
import { isContentEnvelope } from '@patchbay/wdl';

/**
 * JSON equality as the corpus README defines it: objects regardless of key order, arrays in order,
 * numbers by value, strings exactly.
 */
export function jsonEqual(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (typeof actual === 'number' && typeof expected === 'number') return actual === expected;
  if (actual === null || expected === null || typeof actual !== 'object' || typeof expected !== 'object')
    return false;
  if (Array.isArray(actual) || Array.isArray(expected)) {
    if (!Array.isArray(actual) || !Array.isArray(expected) || actual.length !== expected.length) return false;
    return actual.every((item, i) => jsonEqual(item, expected[i]));
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(e).length &&
    keys.every((key) => Object.hasOwn(e, key) && jsonEqual(a[key], e[key]))
  );
}

/**
 * Binary results are `$content` envelopes. Where a vector shows a binary result as a string it shows the
 * base64 `$content` (the uriComponentToBinary vector says so), so that is what such a result is compared by.
 */
export function comparableResult(actual: unknown, expected: unknown): unknown {
  if (typeof expected === 'string' && isContentEnvelope(actual)) return actual.$content;
  return actual;
}

/** The bytes a result stands for: an envelope's decoded content, or a string's UTF-8. */
export function resultBytes(actual: unknown): Buffer | undefined {
  if (isContentEnvelope(actual)) return Buffer.from(actual.$content, 'base64');
  if (typeof actual === 'string') return Buffer.from(actual, 'utf8');
  return undefined;
}

/** The XML text of a result: XML content is decoded, a string is taken as XML text. */
export function resultXmlText(actual: unknown): string | undefined {
  if (isContentEnvelope(actual)) return Buffer.from(actual.$content, 'base64').toString('utf8');
  return typeof actual === 'string' ? actual : undefined;
}

/** Structure and text, ignoring the declaration and white space between elements. */
export function xmlEqual(actualText: string, expectedText: string): boolean {
  const a = parseXml(actualText);
  const e = parseXml(expectedText);
  return a !== undefined && e !== undefined && canonical(a) === canonical(e);
}

/** The text content of each matched node, for `expectedNodeTexts`. */
export function nodeTexts(actual: unknown): string[] | undefined {
  const items = Array.isArray(actual) ? actual : [actual];
  const texts: string[] = [];
  for (const item of items) {
    if (isContentEnvelope(item)) {
      const root = parseXml(Buffer.from(item.$content, 'base64').toString('utf8'));
      if (root === undefined) return undefined;
      texts.push(root.textContent ?? '');
    } else if (typeof item === 'string') {
      texts.push(item);
    } else {
      return undefined;
    }
  }
  return texts;
}

function parseXml(text: string): Node | undefined {
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new SyntaxError(message);
      },
    }).parseFromString(text, 'text/xml');
    return document.documentElement ?? undefined;
  } catch {
    return undefined;
  }
}

function canonical(node: Node): string {
  if (node.nodeType === 3 || node.nodeType === 4) return JSON.stringify(node.nodeValue ?? '');
  if (node.nodeType !== 1) return '';
  const element = node as Node & {
    attributes: { length: number; item(i: number): { name: string; value: string } | null };
  };
  const attributes: string[] = [];
  for (let i = 0; i < element.attributes.length; i++) {
    const attribute = element.attributes.item(i);
    if (attribute !== null) attributes.push(`${attribute.name}=${JSON.stringify(attribute.value)}`);
  }
  const children: string[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === 3 && (child.nodeValue ?? '').trim() === '') continue;
    children.push(canonical(child));
  }
  return `<${node.nodeName} ${attributes.sort().join(' ')}>${children.join('')}</>`;
}
