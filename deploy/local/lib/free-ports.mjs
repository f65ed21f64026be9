// Prints N distinct free TCP ports on 127.0.0.1, space-separated: `node free-ports.mjs 4`.
// All listeners stay open until every port is known, so the kernel cannot hand out the same port twice.
import { createServer } from 'node:net';

const count = Number(process.argv[2] ?? '1');

function listenOnAnyPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve(server));
  });
}

const servers = [];
for (let i = 0; i < count; i += 1) {
  servers.push(await listenOnAnyPort());
}
const ports = servers.map((server) => server.address().port);
await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
process.stdout.write(`${ports.join(' ')}\n`);
