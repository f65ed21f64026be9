import { WdlEvaluationError } from '../expression-errors.js';
import type { CallSite } from '../runtime/function-definition.js';
import { formatNumberText } from '../values/value-text.js';
import { isObject, type JsonObject } from '../values/value-types.js';

/** XML names: a letter, `_` or `:` first, then letters, digits, `.`, `-`, `_`, `:`. */
const XML_NAME = /^[\p{L}_:][\p{L}\p{N}._:-]*$/u;

/**
 * JSON to XML as Logic Apps' `xml(object)` does (Json.NET's XmlNodeConverter rules, the reverse of
 * xml-to-json.ts): one root property whose value is not an array, `@name` members as attributes, `#text`
 * as text, arrays as repeated elements, null as an empty element, `?xml` as the declaration.
 */
export function jsonToXml(value: JsonObject, site: CallSite): string {
  const keys = Object.keys(value).filter((key) => key !== '?xml' && key !== '!DOCTYPE');
  if (keys.length !== 1)
    fail(site, `The JSON object must have exactly one root property; it has ${keys.length}.`);
  const root = keys[0] as string;
  if (Array.isArray(value[root])) fail(site, `The root property '${root}' cannot be an array.`);
  let out = '';
  const declaration = value['?xml'];
  if (isObject(declaration)) {
    const parts = Object.keys(declaration).map(
      (key) => `${key.replace(/^@/, '')}="${escapeAttribute(scalarText(declaration[key]))}"`,
    );
    out += `<?xml ${parts.join(' ')}?>`;
  }
  return out + element(root, value[root], site);
}

function element(name: string, value: unknown, site: CallSite): string {
  if (!XML_NAME.test(name)) fail(site, `'${name}' is not a valid XML element name.`);
  if (value === null || value === undefined) return `<${name} />`;
  if (!isObject(value)) {
    if (Array.isArray(value)) return value.map((item) => element(name, item, site)).join('');
    return `<${name}>${escapeText(scalarText(value))}</${name}>`;
  }
  let attributes = '';
  let content = '';
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (key.startsWith('@')) {
      const attribute = key.slice(1);
      if (!XML_NAME.test(attribute)) fail(site, `'${attribute}' is not a valid XML attribute name.`);
      attributes += ` ${attribute}="${escapeAttribute(scalarText(member))}"`;
    } else if (key === '#text' || key === '#whitespace' || key === '#significant-whitespace') {
      content += (Array.isArray(member) ? member : [member])
        .map((text) => escapeText(scalarText(text)))
        .join('');
    } else if (key === '#cdata-section') {
      content += (Array.isArray(member) ? member : [member])
        .map((text) => `<![CDATA[${scalarText(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`)
        .join('');
    } else if (key === '#comment') {
      content += (Array.isArray(member) ? member : [member])
        .map((text) => `<!--${scalarText(text).replace(/--/g, '- -')}-->`)
        .join('');
    } else if (Array.isArray(member)) {
      content += member.map((item) => element(key, item, site)).join('');
    } else {
      content += element(key, member, site);
    }
  }
  return content === '' ? `<${name}${attributes} />` : `<${name}${attributes}>${content}</${name}>`;
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumberText(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function fail(site: CallSite, detail: string): never {
  throw new WdlEvaluationError(
    'InvalidXml',
    `The template language function '${site.name}' parameter is not valid. ${detail}`,
    { functionName: site.name, argumentIndex: 0 },
  );
}
