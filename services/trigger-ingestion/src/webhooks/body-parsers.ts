import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { webhookErrors } from './webhook.errors.js';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** True for `application/json` and `application/<something>+json`, with any parameters. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_TYPE.test(contentType);
}

/**
 * Webhook bodies of any content type are accepted. JSON is parsed (malformed JSON gets 400 naming the error);
 * text stays text; anything else becomes a Logic Apps binary value `{ "$content-type": ..., "$content": <base64> }`.
 */
export function registerBodyParsers(app: NestFastifyApplication): void {
  const parseJson = (body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    const text = body.toString();
    if (text.trim() === '') return done(null, null);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(webhookErrors.malformedJson(error instanceof Error ? error.message : String(error)));
    }
  };
  // Through Nest, so its own default JSON parser (with a vaguer message) is not registered.
  const adapter = app.getHttpAdapter() as FastifyAdapter;
  adapter.useBodyParser('application/json', false, {}, (_request, body, done) => parseJson(body, done));
  const fastify = adapter.getInstance();
  fastify.addContentTypeParser(JSON_TYPE, { parseAs: 'string' }, (_request, body, done) =>
    parseJson(body, done),
  );
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
