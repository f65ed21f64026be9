/**
 * Ordinal, case-insensitive substring search, as Logic Apps' `indexOf`, `lastIndexOf`, `startsWith`... do.
 * Lower-casing keeps string lengths for nearly all text; where it does not (a few special letters), the
 * search falls back to comparing character by character so that positions still refer to the original.
 */
export function indexOfIgnoreCase(text: string, search: string, from = 0): number {
  const lowerText = text.toLowerCase();
  const lowerSearch = search.toLowerCase();
  if (lowerText.length === text.length && lowerSearch.length === search.length)
    return lowerText.indexOf(lowerSearch, from);
  for (let i = from; i + search.length <= text.length; i++) if (matchesAt(text, search, i)) return i;
  return -1;
}

export function lastIndexOfIgnoreCase(text: string, search: string, from = text.length): number {
  const lowerText = text.toLowerCase();
  const lowerSearch = search.toLowerCase();
  if (lowerText.length === text.length && lowerSearch.length === search.length)
    return lowerText.lastIndexOf(lowerSearch, from);
  for (let i = Math.min(from, text.length - search.length); i >= 0; i--)
    if (matchesAt(text, search, i)) return i;
  return -1;
}

export function matchesAt(text: string, search: string, at: number): boolean {
  for (let i = 0; i < search.length; i++) {
    const a = text[at + i];
    const b = search[i];
    if (a === undefined || b === undefined || (a !== b && a.toLowerCase() !== b.toLowerCase())) return false;
  }
  return true;
}
