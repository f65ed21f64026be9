/**
 * Pre-processing for definitions cut out of ARM templates. ARM expressions (`"[parameters('x')]"`,
 * `"[concat(...)]"`) only get a value when ARM deploys the template, and the template's parameters
 * and variables are not part of the file. So each one is replaced by a placeholder string, `[[` escapes
 * are unescaped, and the paths replaced are remembered: a problem found there afterwards comes from
 * the missing ARM evaluation, not from the WDL.
 */

export const ARM_PLACEHOLDER = 'arm-template-value';

export interface ArmPreprocessed {
  value: unknown;
  /** JSON paths (`$.actions.X.type`) of the strings that were ARM expressions. */
  replacedPaths: string[];
}

const PLAIN_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return PLAIN_NAME.test(key)
    ? `${path}.${key}`
    : `${path}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** An ARM template expression: a whole string in brackets, not the `[[` escape. */
export function isArmExpression(text: string): boolean {
  return text.length >= 2 && text.startsWith('[') && !text.startsWith('[[') && text.endsWith(']');
}

export function replaceArmExpressions(value: unknown, path = '$', replaced: string[] = []): ArmPreprocessed {
  const walk = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      if (isArmExpression(node)) {
        replaced.push(at);
        return ARM_PLACEHOLDER;
      }
      return node.startsWith('[[') ? node.slice(1) : node;
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, child(at, index)));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, child(at, key))]));
    }
    return node;
  };
  return { value: walk(value, path), replacedPaths: replaced };
}

/** Number of ARM expressions in a value (used when no manifest says whether a file is an ARM extract). */
export function countArmExpressions(value: unknown): number {
  return replaceArmExpressions(value).replacedPaths.length;
}
