/**
 * Ordinal, case-insensitive substring search, as Logic Apps' `indexOf`, `lastIndexOf`, `startsWith`... do.
 * Lower-casing keeps string lengths for nearly all text; where it does not (a few special letters), the
 * search falls back to comparing character by character so that positions still refer to the original.
 */
export interface CaseInsensitiveSearch {
  indexOf(from: number): number;
  lastIndexOf(from: number): number;
}

/** Lower-cases the text once, for repeated searches (`nthIndexOf`). */
export function prepareSearch(text: string, search: string): CaseInsensitiveSearch {
  const lowerText = text.toLowerCase();
  const lowerSearch = search.toLowerCase();
  if (lowerText.length === text.length && lowerSearch.length === search.length) {
    return {
      indexOf: (from) => lowerText.indexOf(lowerSearch, from),
      lastIndexOf: (from) => lowerText.lastIndexOf(lowerSearch, from),
    };
  }
  return {
    indexOf(from) {
      for (let i = from; i + search.length <= text.length; i++) if (matchesAt(text, search, i)) return i;
      return -1;
    },
    lastIndexOf(from) {
      for (let i = Math.min(from, text.length - search.length); i >= 0; i--)
        if (matchesAt(text, search, i)) return i;
      return -1;
    },
  };
}

export function indexOfIgnoreCase(text: string, search: string, from = 0): number {
  return prepareSearch(text, search).indexOf(from);
}

export function lastIndexOfIgnoreCase(text: string, search: string, from = text.length): number {
  return prepareSearch(text, search).lastIndexOf(from);
}

export function matchesAt(text: string, search: string, at: number): boolean {
  for (let i = 0; i < search.length; i++) {
    const a = text[at + i];
    const b = search[i];
    if (a === undefined || b === undefined || (a !== b && a.toLowerCase() !== b.toLowerCase())) return false;
  }
  return true;
}
