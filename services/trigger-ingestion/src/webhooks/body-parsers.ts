import type { FastifyInstance } from 'fastify';

/**
 * Webhook bodies of any content type are accepted. JSON is parsed (malformed JSON gets 400); text stays text;
 * anything else becomes a Logic Apps binary value `{ "$content-type": ..., "$content": <base64> }`.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(/^text\//, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    const buffer = body as Buffer;
    if (buffer.length === 0) return done(null, null);
    done(null, {
      '$content-type': request.headers['content-type'] ?? 'application/octet-stream',
      $content: buffer.toString('base64'),
    });
  });
}
