import type { ActionRequested } from '@patchbay/contracts';
import { InvalidInputsError, requireAction, type ConnectorRegistry } from '@patchbay/connector-sdk';
import type { ActionRouter, RoutedOperation } from './connector.js';

/** Logic Apps documents HttpWebhook's `unsubscribe` with `url` where `subscribe` has `uri`: both are read. */
function withUri(part: object): object {
  const { url, ...rest } = part as Record<string, unknown>;
  return url !== undefined && !('uri' in rest) ? { ...rest, uri: url } : part;
}

/**
 * WDL `HttpWebhook` runs as two attempts the orchestrator asks for separately (`action.requested.operation`):
 * `subscribe` sends `inputs.subscribe` (whose `listCallbackUrl()` the orchestrator already evaluated to the
 * callback URL) and `unsubscribe` sends `inputs.unsubscribe`, both through the `http` connector (same auth,
 * egress, redirects, 202 polling, outputs `{ statusCode, headers, body }`). Waiting for the callback is the
 * orchestrator's part.
 */
export class HttpWebhookActionRouter implements ActionRouter {
  readonly actionType = 'HttpWebhook';

  constructor(private readonly registry: ConnectorRegistry) {}

  route(request: ActionRequested): RoutedOperation {
    const operation = request.operation;
    if (operation === undefined)
      throw new InvalidInputsError('HttpWebhook', [
        {
          path: '',
          message: 'runs as subscribe and unsubscribe: action.requested.operation must name one of them',
        },
      ]);
    const inputs = request.inputs as Record<string, unknown> | null;
    const part = typeof inputs === 'object' && inputs !== null ? inputs[operation] : undefined;
    if (typeof part !== 'object' || part === null || Array.isArray(part))
      throw new InvalidInputsError('HttpWebhook', [
        { path: `/${operation}`, message: 'must be an object with method and uri' },
      ]);
    const connector = this.registry.require('http');
    return { connector, action: requireAction(connector, 'request'), inputs: withUri(part) };
  }
}
