/**
 * `x-ms-pageable` with Logic Apps' pagination setting: after the first page, GET the next link (absolute, or
 * relative to the request) with the same credentials, until at least `minimumItemCount` items are collected
 * or no next link is left, then answer one body whose item array holds every page's items. Pages are whole
 * (the count may end above the minimum, as in Logic Apps). Bounded: at most `maxPages` pages, and every page's
 * body together within `maxResponseBytes`; a next link seen twice is a loop. Each GET goes through the
 * caller's dispatcher, so egress rules check every page's address.
 */
import { PaginationError } from '../errors.js';
import type { GeneratedOperation, ImportedConnector } from '../model/imported-connector.js';
import { isObject } from '../import/json-path.js';
import type { ConnectionValues } from './connection-template.js';
import { authSchemeOf, followUpHeaders, type WireRequest } from './request-builder.js';
import { DEFAULT_MAX_RESPONSE_BYTES, sendSized, type SendOptions, type SizedResult } from './wire-sender.js';

/** Logic Apps `runtimeConfiguration.paginationPolicy`. */
export interface PaginationRequest {
  minimumItemCount: number;
}

/** Largest `minimumItemCount` honoured (Logic Apps' own maximum). */
export const MAX_PAGINATION_ITEMS = 100_000;
const DEFAULT_MAX_PAGES = 1_000;

export interface PagingOptions extends SendOptions {
  /** Most pages one paged call follows; more fail with `PaginationError`. Default 1000. */
  maxPages?: number;
}

/** The request for the next page: same origin gets the first request's credentials, another origin none. */
function nextPageRequest(
  connector: ImportedConnector,
  connection: ConnectionValues,
  first: WireRequest,
  link: string,
): WireRequest {
  const firstUrl = new URL(first.url);
  const url = new URL(link, firstUrl);
  if (url.origin !== firstUrl.origin) return { method: 'GET', url: url.href, headers: {} };
  const scheme = authSchemeOf(connector, connection);
  if (scheme?.type === 'apiKey' && scheme.in === 'query' && !url.searchParams.has(scheme.keyName)) {
    const key = firstUrl.searchParams.get(scheme.keyName);
    if (key !== null) url.searchParams.set(scheme.keyName, key);
  }
  const headers = followUpHeaders(first);
  delete headers['idempotency-key'];
  return { method: 'GET', url: url.href, headers };
}

function describe(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

export async function collectPages(
  connector: ImportedConnector,
  operation: GeneratedOperation,
  wire: WireRequest,
  first: SizedResult,
  connection: ConnectionValues,
  options: PagingOptions,
  pagination: PaginationRequest,
): Promise<SizedResult> {
  const pageable = operation.pageable;
  if (pageable === undefined || first.statusCode >= 300 || !isObject(first.body)) return first;
  const { nextLinkName, itemName } = pageable;
  const firstItems = first.body[itemName];
  if (!Array.isArray(firstItems)) return first;
  const wanted = Math.min(Math.max(1, Math.floor(pagination.minimumItemCount)), MAX_PAGINATION_ITEMS);
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const items: unknown[] = [...(firstItems as unknown[])];
  const seen = new Set<string>([wire.url]);
  let bytes = first.bytes;
  let pages = 1;
  let link = first.body[nextLinkName];
  while (typeof link === 'string' && link !== '' && items.length < wanted) {
    if (pages >= maxPages) {
      throw new PaginationError(
        `${operation.operationId}: ${items.length} items after ${pages} pages (the most one call follows), fewer than minimumItemCount ${wanted}, and the target still gives a next link`,
      );
    }
    const next = nextPageRequest(connector, connection, wire, link);
    if (seen.has(next.url)) {
      throw new PaginationError(
        `${operation.operationId}: the next link of page ${pages} (${describe(next.url)}) was already followed`,
      );
    }
    seen.add(next.url);
    const page = await sendSized(
      next,
      options,
      limit - bytes,
      `the ${pages + 1} pages of ${operation.operationId} together`,
    );
    pages += 1;
    bytes += page.bytes;
    if (page.statusCode >= 300) return page; // the failing page is the call's answer
    const pageItems = isObject(page.body) ? page.body[itemName] : undefined;
    if (!Array.isArray(pageItems)) {
      throw new PaginationError(
        `${operation.operationId}: page ${pages} (${describe(next.url)}) has no '${itemName}' array`,
      );
    }
    items.push(...(pageItems as unknown[]));
    link = isObject(page.body) ? page.body[nextLinkName] : undefined;
  }
  const body: Record<string, unknown> = { ...first.body, [itemName]: items };
  if (typeof link === 'string' && link !== '') body[nextLinkName] = link;
  else delete body[nextLinkName];
  return { ...first, body, bytes };
}
