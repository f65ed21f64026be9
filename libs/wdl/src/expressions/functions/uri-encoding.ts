/**
 * .NET `Uri.EscapeDataString`: everything except the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~)
 * is percent-encoded from UTF-8. `encodeURIComponent` also leaves `!'()*` alone, so those are added here.
 */
export function uriEscapeDataString(text: string): string {
  return encodeURIComponent(wellFormed(text)).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Percent-decoding to bytes. Malformed escapes are kept as text, as .NET `Uri.UnescapeDataString` does,
 * instead of failing like `decodeURIComponent`.
 */
export function percentDecodeBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = text.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(code);
      for (const b of encoder.encode(char)) bytes.push(b);
      if (code > 0xffff) i++;
    }
  }
  return Uint8Array.from(bytes);
}

/** Lone surrogates cannot be UTF-8 encoded; they become U+FFFD as in .NET's encoder. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
