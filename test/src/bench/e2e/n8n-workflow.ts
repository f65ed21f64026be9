import { randomUUID } from 'node:crypto';
import type { Variant } from './bench-system.js';

/**
 * The bench workflow as n8n nodes (n8n 2.40 node versions): Webhook (answers from a Respond to Webhook node)
 * -> Edit Fields (Set) computing the greeting -> (HTTP Request to the echo server ->) Respond to Webhook.
 */
export function n8nWorkflow(
  variant: Variant,
  name: string,
  path: string,
  echoUrl: string,
): Record<string, unknown> {
  const node = (nodeName: string, type: string, typeVersion: number, x: number, parameters: object) => ({
    id: randomUUID(),
    name: nodeName,
    type,
    typeVersion,
    position: [x, 0],
    parameters,
  });
  const webhook = {
    ...node('Webhook', 'n8n-nodes-base.webhook', 2.1, 0, {
      httpMethod: 'POST',
      path,
      responseMode: 'responseNode',
      options: {},
    }),
    webhookId: randomUUID(),
  };
  const compute = node('Compute greeting', 'n8n-nodes-base.set', 3.4, 220, {
    mode: 'manual',
    assignments: {
      assignments: [
        { id: randomUUID(), name: 'greeting', type: 'string', value: "={{ 'Hello, ' + $json.body.name }}" },
      ],
    },
    options: {},
  });
  const callEcho = node('Call echo', 'n8n-nodes-base.httpRequest', 4.2, 440, {
    method: 'POST',
    url: `${echoUrl}/echo`,
    sendBody: true,
    specifyBody: 'json',
    jsonBody: '={{ JSON.stringify({ greeting: $json.greeting }) }}',
    options: {},
  });
  const respond = node('Respond', 'n8n-nodes-base.respondToWebhook', 1.4, 660, {
    respondWith: 'json',
    responseBody: '={{ JSON.stringify({ greeting: $json.greeting }) }}',
    options: {},
  });
  const chain = variant === 'http' ? [webhook, compute, callEcho, respond] : [webhook, compute, respond];
  const connections: Record<string, unknown> = {};
  for (let i = 0; i + 1 < chain.length; i += 1) {
    connections[chain[i]!.name] = { main: [[{ node: chain[i + 1]!.name, type: 'main', index: 0 }]] };
  }
  return { name, nodes: chain, connections, settings: { executionOrder: 'v1' } };
}
