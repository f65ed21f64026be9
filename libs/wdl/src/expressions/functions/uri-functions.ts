import { argString, valueError } from '../runtime/argument-checks.js';
import { fn, type CallSite, type FunctionDefinition } from '../runtime/function-definition.js';

/** Ports of the common schemes, for `uriPort` when the URI has none (as .NET `Uri.Port`). */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  ftp: 21,
  ws: 80,
  wss: 443,
  sftp: 22,
  ldap: 389,
  nntp: 119,
  gopher: 70,
  telnet: 23,
  news: 119,
};

function argUri(args: readonly unknown[], site: CallSite): URL {
  const text = argString(args, 0, site);
  if (!URL.canParse(text))
    throw valueError(site, 0, `The value '${text.slice(0, 200)}' is not a valid absolute URI.`);
  return new URL(text);
}

function pathOf(url: URL): string {
  return url.pathname === '' ? '/' : url.pathname;
}

export const URI_FUNCTIONS: readonly FunctionDefinition[] = [
  fn('uriHost', 1, 1, (args, _ctx, site) => argUri(args, site).hostname),
  fn('uriPath', 1, 1, (args, _ctx, site) => pathOf(argUri(args, site))),
  fn('uriPathAndQuery', 1, 1, (args, _ctx, site) => {
    const url = argUri(args, site);
    return pathOf(url) + url.search;
  }),
  fn('uriPort', 1, 1, (args, _ctx, site) => {
    const url = argUri(args, site);
    if (url.port !== '') return Number(url.port);
    return DEFAULT_PORTS[url.protocol.slice(0, -1).toLowerCase()] ?? -1;
  }),
  fn('uriQuery', 1, 1, (args, _ctx, site) => argUri(args, site).search),
  fn('uriScheme', 1, 1, (args, _ctx, site) => argUri(args, site).protocol.slice(0, -1)),
];
