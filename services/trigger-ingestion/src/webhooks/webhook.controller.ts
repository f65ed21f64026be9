import { All, Controller, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { WebhookIntakeService } from './webhook-intake.service.js';

/** The callback URLs of Request triggers. Thin: shape the HTTP call, hand it to the intake service, map the outcome. */
@Controller('api/hooks')
export class WebhookController {
  constructor(
    private readonly intake: WebhookIntakeService,
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
  ) {}

  @All(':workflowId/triggers/:triggerName/invoke')
  async invoke(
    @Param('workflowId') workflowId: string,
    @Param('triggerName') triggerName: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const query = request.query as Record<string, string | string[] | undefined>;
    const queries: Record<string, string> = {};
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) queries[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const outcome = await this.intake.accept({
      workflowId,
      triggerName,
      method: request.method,
      headers,
      queries,
      body: request.body ?? null,
      signature: queries.sig,
      keyVersion: queries.sv,
    });
    if (outcome.kind === 'accepted') {
      const base = this.config.PATCHBAY_PUBLIC_BASE_URL ?? '';
      await reply
        .status(202)
        .header('x-ms-workflow-run-id', outcome.runId)
        .header('location', `${base}/api/runs/${outcome.runId}`)
        .send({ runId: outcome.runId, statusUrl: `${base}/api/runs/${outcome.runId}` });
      return;
    }
    const { response } = outcome;
    void reply.status(response.statusCode).header('x-ms-workflow-run-id', outcome.runId);
    for (const [name, value] of Object.entries(response.headers)) void reply.header(name, value);
    const body = response.body;
    if (body === undefined || body === null) {
      await reply.send();
    } else if (typeof body === 'string') {
      if (!reply.hasHeader('content-type')) void reply.header('content-type', 'text/plain; charset=utf-8');
      await reply.send(body);
    } else {
      if (!reply.hasHeader('content-type'))
        void reply.header('content-type', 'application/json; charset=utf-8');
      await reply.send(JSON.stringify(body));
    }
  }
}
