import Fastify, { type FastifyInstance } from 'fastify';
import httpProxy from '@fastify/http-proxy';
import type { GatewayRoute } from './service-routes.js';

/** `X-Forwarded-For` with the caller this gateway saw appended (the services trust the gateway's address only). */
export function appendForwardedFor(
  existing: string | string[] | undefined,
  peer: string | undefined,
): string {
  const hops = (Array.isArray(existing) ? existing.join(', ') : (existing ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  if (peer !== undefined && peer !== '') hops.push(peer.replace(/^::ffff:/, ''));
  return hops.join(', ');
}

export interface GatewayOptions {
  routes: readonly GatewayRoute[];
  host: string;
  port: number;
}

/**
 * One base URL for the four services: each route's prefix goes to its service, bodies stream through unparsed
 * (@fastify/http-proxy over undici), and every call carries `X-Forwarded-For`/`-Proto`/`-Host`. Its own routes:
 * `/healthz` and `/api/openapi` (the list of the services' documents).
 */
export async function startGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/api/openapi', async () => ({
    documents: options.routes
      .filter((route) => route.prefix.startsWith('/api/openapi/'))
      .map((route) => ({ service: route.service, url: route.prefix })),
  }));
  for (const route of options.routes) {
    await app.register(httpProxy, {
      upstream: route.upstream,
      prefix: route.prefix,
      rewritePrefix: route.prefix,
      replyOptions: {
        rewriteRequestHeaders: (request, headers) => ({
          ...headers,
          'x-forwarded-for': appendForwardedFor(
            request.headers['x-forwarded-for'],
            request.socket.remoteAddress,
          ),
          'x-forwarded-proto': 'http',
          'x-forwarded-host': request.headers.host ?? '',
        }),
        onError: (reply, { error }) => {
          void reply.code(502).send({
            error: {
              code: 'UPSTREAM_UNAVAILABLE',
              message: `${route.service} did not answer through the gateway: ${error.message}`,
              problems: [],
            },
          });
        },
      },
    });
  }
  await app.listen({ host: options.host, port: options.port });
  return app;
}
