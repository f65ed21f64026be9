import { All, Controller, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { flatValues } from '../webhooks/flat-values.js';
import { ActionCallbackIntakeService } from './action-callback-intake.service.js';

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
      headers: flatValues(request.headers, ', '),
      queries: flatValues(request.query as Record<string, string | string[] | undefined>, ','),
      body: request.body ?? null,
    });
    await reply.status(202).send();
  }
}
