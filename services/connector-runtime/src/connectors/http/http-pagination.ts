import { ConnectorError } from '@patchbay/connector-sdk';

/** One answer of the Http action with the size of its body. */
export interface SizedAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
  bytes: number;
}

export interface HttpPaginationLimits {
  /** Every page's body together stays within this (the action's result travels in one Kafka message). */
  maxBytes: number;
  /** Most pages one action follows. */
  maxPages: number;
}

/** Next link properties the Http action follows, in order (Logic Apps' `nextLink`, OData's `@odata.nextLink`). */
const NEXT_LINK_NAMES = ['nextLink', '@odata.nextLink'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nextLinkOf(body: Record<string, unknown>): { name: string; link: string } | undefined {
  for (const name of NEXT_LINK_NAMES) {
    const link = body[name];
    if (typeof link === 'string' && link !== '') return { name, link };
  }
  return undefined;
}

/**
 * Logic Apps' pagination of the Http action: a JSON answer with a `value` array and a `nextLink` is followed
 * with GET until at least `minimumItemCount` items are collected or no next link is left; the answer is the
 * first page with every page's items in `value` (whole pages, so the count may end above the minimum) and the
 * link not followed, if any. A failing page is the action's answer. Bounded by `limits`; a link seen twice is
 * a loop. `fetchPage` sends the GET (egress-checked, with the credentials only on the first request's origin)
 * and reads at most the bytes left.
 */
export async function collectHttpPages(
  first: SizedAnswer,
  firstUrl: URL,
  minimumItemCount: number,
  limits: HttpPaginationLimits,
  fetchPage: (url: URL, maxBytes: number) => Promise<SizedAnswer>,
): Promise<SizedAnswer> {
  if (first.statusCode >= 300 || !isRecord(first.body) || !Array.isArray(first.body['value'])) return first;
  const items: unknown[] = [...(first.body['value'] as unknown[])];
  const seen = new Set<string>([firstUrl.href]);
  let bytes = first.bytes;
  let pages = 1;
  let next = nextLinkOf(first.body);
  let current = firstUrl;
  while (next !== undefined && items.length < minimumItemCount) {
    const url = new URL(next.link, current);
    if (pages >= limits.maxPages)
      throw new ConnectorError(
        'PaginationFailed',
        `${items.length} items after ${pages} pages (the most one Http action follows), fewer than minimumItemCount ${minimumItemCount}, and the target still gives a next link`,
        false,
      );
    if (seen.has(url.href))
      throw new ConnectorError(
        'PaginationFailed',
        `the next link of page ${pages} (${url.origin}${url.pathname}) was already followed`,
        false,
      );
    seen.add(url.href);
    const page = await fetchPage(url, limits.maxBytes - bytes);
    pages += 1;
    bytes += page.bytes;
    if (page.statusCode >= 300) return page;
    const pageItems = isRecord(page.body) ? page.body['value'] : undefined;
    if (!isRecord(page.body) || !Array.isArray(pageItems))
      throw new ConnectorError(
        'PaginationFailed',
        `page ${pages} (${url.origin}${url.pathname}) is not JSON with a 'value' array`,
        false,
      );
    items.push(...(pageItems as unknown[]));
    current = url;
    next = nextLinkOf(page.body);
  }
  const body: Record<string, unknown> = { ...first.body, value: items };
  for (const name of NEXT_LINK_NAMES) delete body[name];
  if (next !== undefined) body[next.name] = new URL(next.link, current).href;
  return { ...first, body, bytes };
}
