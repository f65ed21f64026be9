import type { FieldProblem } from '@patchbay/platform';

/**
 * `$ref`s that leave the document (`other.json#/x`, `file:///etc/passwd`, `http://...`). The service refuses
 * them: resolving one would read a local file or reach an address the egress rules never saw. Local `#/...`
 * references are fine. Answers one problem per reference, JSON path under `root` (first 20).
 */
export function externalRefProblems(document: unknown, root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (node: unknown, path: string): void => {
    if (problems.length >= 20 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${path}[${index}]`));
      return;
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const child = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#'))
        problems.push({
          path: child,
          message: 'refers outside the document; bundle the definition into one file first',
          expected: 'a local reference starting with #/',
          found: JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value),
        });
      else visit(value, child);
    }
  };
  visit(document, root);
  return problems;
}
