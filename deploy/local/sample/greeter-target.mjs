// The sample workflow's target: a small HTTP API on 127.0.0.1 that answers POST /greetings with a greeting,
// but only when the request carries the API key it was started with (SAMPLE_API_KEY, from the environment,
// never argv). It stands for any third-party API whose key lives in a Patchbay connection.
//   SAMPLE_API_KEY=... node greeter-target.mjs <port>
import { createServer } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

const port = Number(process.argv[2]);
const apiKey = process.env.SAMPLE_API_KEY ?? '';
if (!Number.isInteger(port) || port <= 0 || apiKey.length < 16) {
  process.stderr.write('usage: SAMPLE_API_KEY=<16+ chars> node greeter-target.mjs <port>\n');
  process.exit(2);
}

function keyMatches(given) {
  const a = Buffer.from(String(given ?? ''));
  const b = Buffer.from(apiKey);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method !== 'POST' || request.url !== '/greetings')
      return send(response, 404, { error: 'not found' });
    if (!keyMatches(request.headers['x-api-key']))
      return send(response, 401, { error: 'missing or wrong x-api-key' });
    let name = 'world';
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (typeof body.name === 'string' && body.name !== '') name = body.name;
    } catch {
      return send(response, 400, { error: 'the body is not JSON' });
    }
    send(response, 200, { greeting: `Hello, ${name}!` });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
