import { All, Controller, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { WebhookIntakeService } from './webhook-intake.service.js';
import { flatValues } from './flat-values.js';

/** The callback URLs of Request triggers. Thin: shape the HTTP call, hand it to the intake service, map the outcome. */
@Controller('api/hooks')
export class WebhookController {
  constructor(
    private readonly intake: WebhookIntakeService,
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
  ) {}

  @All(':workflowId/triggers/:triggerName/invoke')
  invoke(
    @Param('workflowId') workflowId: string,
    @Param('triggerName') triggerName: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.handle(workflowId, triggerName, '', request, reply);
  }

  /** Callback URLs of triggers with a `relativePath`: the rest of the path carries its parameters. */
  @All(':workflowId/triggers/:triggerName/invoke/*')
  invokeWithPath(
    @Param('workflowId') workflowId: string,
    @Param('triggerName') triggerName: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const prefix = `/triggers/${encodeURIComponent(triggerName)}/invoke`;
    const path = request.url.split('?')[0] ?? '';
    const at = path.indexOf(prefix);
    return this.handle(workflowId, triggerName, at < 0 ? '' : path.slice(at + prefix.length), request, reply);
  }

  private async handle(
    workflowId: string,
    triggerName: string,
    relativePath: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const queries = flatValues(request.query as Record<string, string | string[] | undefined>, ',');
    const headers = flatValues(request.headers, ', ');
    const outcome = await this.intake.accept({
      workflowId,
      triggerName,
      method: request.method,
      relativePath,
      peerAddress: request.socket.remoteAddress ?? '',
      headers,
      queries,
      body: request.body ?? null,
      signature: queries.sig,
      keyVersion: queries.sv,
    });
    if (outcome.kind === 'accepted') {
      const base = (
        this.config.PATCHBAY_RUN_STATUS_BASE_URL ??
        this.config.PATCHBAY_PUBLIC_BASE_URL ??
        ''
      ).replace(/\/+$/, '');
      const runs = outcome.runIds.map((runId) => ({ runId, statusUrl: `${base}/api/runs/${runId}` }));
      const [first] = runs;
      if (first !== undefined) {
        void reply.header('x-ms-workflow-run-id', first.runId).header('location', first.statusUrl);
      }
      // One run: `{runId, statusUrl}`; a splitOn trigger also lists every run it started.
      await reply.status(202).send(runs.length === 1 ? first : { runs });
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
