import { isObject } from '../import/json-path.js';

/**
 * Reads a slash-separated path in a value (`value/0/id`); a segment that is not a key but contains dots is read
 * as a dotted path (`team.id`). Empty path: the value itself.
 */
export function valueAt(value: unknown, path: string): unknown {
  let node = value;
  for (const segment of path.split('/').filter((s) => s !== '')) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (isObject(node) && segment in node) node = node[segment];
    else if (segment.includes('.')) node = valueAt(node, segment.split('.').join('/'));
    else node = undefined;
  }
  return node;
}
