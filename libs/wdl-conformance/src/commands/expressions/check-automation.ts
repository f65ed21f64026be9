import { jsonEqual, resultBytes } from './result-comparison.js';

/** The outcome of applying a vector's plain-text `check` to a result, when the check can be automated. */
export type CheckOutcome =
  | { readonly automated: true; readonly passed: boolean; readonly how: string }
  | { readonly automated: false };

/**
 * Turns the `check` sentences of the corpus into tests where they are precise enough: a `^...$` regular
 * expression, a set of integers (`Integer in {1,2,3,4}`), decoded bytes equal to a quoted text, a string that
 * parses as given JSON, an absolute https URL. Anything else is reported, not counted.
 */
export function applyCheck(check: string | undefined, result: unknown): CheckOutcome {
  if (check === undefined) return { automated: false };
  const pattern = /(\^\S+\$)(?=[\s).,;]|$)/.exec(check)?.[1];
  if (pattern !== undefined) {
    return {
      automated: true,
      passed: typeof result === 'string' && new RegExp(pattern).test(result),
      how: `matches ${pattern}`,
    };
  }
  const set = /Integer in \{([-\d,\s]+)\}/.exec(check)?.[1];
  if (set !== undefined) {
    const allowed = set.split(',').map((item) => Number(item.trim()));
    return {
      automated: true,
      passed: typeof result === 'number' && allowed.includes(result),
      how: `one of {${allowed.join(',')}}`,
    };
  }
  const bytes = /bytes [^']*'([^']*)'/.exec(check)?.[1];
  if (bytes !== undefined) {
    const actual = resultBytes(result);
    return {
      automated: true,
      passed: actual !== undefined && actual.equals(Buffer.from(bytes, 'utf8')),
      how: `decoded bytes equal '${bytes}'`,
    };
  }
  const json = /parses as JSON to (\{.*\}|\[.*\])/.exec(check)?.[1];
  if (json !== undefined) {
    let passed = false;
    try {
      passed = typeof result === 'string' && jsonEqual(JSON.parse(result), JSON.parse(json));
    } catch {
      passed = false;
    }
    return { automated: true, passed, how: `parses as JSON to ${json}` };
  }
  if (/absolute https URL/i.test(check)) {
    const passed =
      typeof result === 'string' && URL.canParse(result) && new URL(result).protocol === 'https:';
    return { automated: true, passed, how: 'is an absolute https URL' };
  }
  return { automated: false };
}
