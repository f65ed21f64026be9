import { randomBytes } from 'node:crypto';
import { uniqueName } from '@patchbay/testkit';
import { expectJson } from './http-json.js';
import type { Platform } from './platform.js';

export interface DeployedGreeter {
  workflowId: string;
  workflowName: string;
  connectionName: string;
  callbackUrl: string;
}

export interface GreeterOptions {
  /** The greeter API's base URL (the Http action calls `<url>/greetings`). */
  targetUrl: string;
  /** The API key stored in the connection (Vault). */
  apiKey: string;
  /** With a Response action the caller waits for the answer; without, it gets 202 at once. */
  respond: boolean;
  /** Link the connection to the workflow (default true). */
  link?: boolean;
}

/** Request -> Http (API key from a connection) -> Response (or Compose), as a real WDL definition. */
export function greeterDefinition(respond: boolean, connectionName: string): Record<string, unknown> {
  const last = respond
    ? {
        Respond: {
          type: 'Response',
          kind: 'Http',
          runAfter: { Call_greeter: ['Succeeded'] },
          inputs: {
            statusCode: 200,
            headers: { 'content-type': 'application/json' },
            body: { greeting: "@body('Call_greeter')?['greeting']", runId: '@workflow().run.name' },
          },
        },
      }
    : {
        Keep_greeting: {
          type: 'Compose',
          runAfter: { Call_greeter: ['Succeeded'] },
          inputs: "@body('Call_greeter')?['greeting']",
        },
      };
  return {
    $schema:
      'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    parameters: { greeterUrl: { type: 'String' } },
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
    actions: {
      Call_greeter: {
        type: 'Http',
        runAfter: {},
        inputs: {
          method: 'POST',
          uri: "@{parameters('greeterUrl')}/greetings",
          headers: { 'content-type': 'application/json' },
          body: { name: "@{triggerBody()?['name']}" },
          host: { connection: { name: connectionName } },
        },
      },
      ...last,
    },
  };
}

/** A fresh random API key (never reused between tests). */
export function newApiKey(): string {
  return `pbk_${randomBytes(18).toString('base64url')}`;
}

/** Creates the connection, deploys the workflow, links them and returns the signed callback URL. */
export async function deployGreeter(platform: Platform, options: GreeterOptions): Promise<DeployedGreeter> {
  const workflowName = uniqueName('greeter');
  const connectionName = uniqueName('greeter-api');
  await expectJson([201], 'POST', `${platform.connectionStoreUrl}/api/connections`, {
    name: connectionName,
    connectorId: 'http',
    authType: 'apiKey',
    parameters: { headerName: 'x-api-key' },
    secrets: { apiKey: options.apiKey },
  });
  const workflow = await expectJson<{ id: string }>(
    [201],
    'POST',
    `${platform.orchestratorUrl}/api/workflows`,
    {
      name: workflowName,
      definition: greeterDefinition(options.respond, connectionName),
      parameters: { greeterUrl: options.targetUrl },
    },
  );
  if (options.link ?? true) {
    await expectJson(
      [201],
      'POST',
      `${platform.connectionStoreUrl}/api/connections/${connectionName}/links`,
      {
        workflowId: workflow.id,
      },
    );
  }
  const callback = await expectJson<{ value: string }>(
    [200],
    'GET',
    `${platform.orchestratorUrl}/api/workflows/${workflow.id}/triggers/manual/callback-url`,
  );
  return { workflowId: workflow.id, workflowName, connectionName, callbackUrl: callback.value };
}
