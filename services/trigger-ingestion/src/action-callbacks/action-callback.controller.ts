import { All, Controller, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActionCallbackIntakeService } from './action-callback-intake.service.js';

function flatten(
  values: Record<string, string | string[] | undefined>,
  separator: string,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(separator) : value;
  }
  return flat;
}

/**
 * Callback URLs of webhook actions: `/api/hooks/runs/<runId>/callbacks/<callbackId>?sig=...`. Thin: shape the call,
 * hand it to the intake service, answer 202 once the callback is durable (every accepted call, duplicates too).
 */
@Controller('api/hooks/runs')
export class ActionCallbackController {
  constructor(private readonly intake: ActionCallbackIntakeService) {}

  @All(':runId/callbacks/:callbackId')
  async callback(
    @Param('runId') runId: string,
    @Param('callbackId') callbackId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.intake.accept({
      runId,
      callbackId,
      method: request.method,
      headers: flatten(request.headers, ', '),
      queries: flatten(request.query as Record<string, string | string[] | undefined>, ','),
      body: request.body ?? null,
    });
    await reply.status(202).send();
  }
}
