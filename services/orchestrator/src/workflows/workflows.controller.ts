import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { WorkflowsService, type CallbackUrlView, type WorkflowView } from './workflows.service.js';
import { createWorkflowSchema, parseBody, updateWorkflowSchema } from './workflow-request.schema.js';

/** Admin REST API for workflows. Thin: parse, call the service, return. */
@Controller('api/workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Post()
  @HttpCode(201)
  create(@Body({ schema: createWorkflowSchema }) body: unknown): Promise<WorkflowView> {
    return this.workflows.create(parseBody(createWorkflowSchema, body));
  }

  @Get()
  list(@Query('namespace') namespace?: string): ReturnType<WorkflowsService['list']> {
    return this.workflows.list(namespace ?? 'default');
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<WorkflowView> {
    return this.workflows.get(id);
  }

  @Put(':id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body({ schema: updateWorkflowSchema }) body: unknown,
  ): Promise<WorkflowView> {
    return this.workflows.update(id, parseBody(updateWorkflowSchema, body));
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(@Param('id', ParseUUIDPipe) id: string): Promise<WorkflowView> {
    return this.workflows.setState(id, 'Enabled');
  }

  @Post(':id/disable')
  @HttpCode(200)
  disable(@Param('id', ParseUUIDPipe) id: string): Promise<WorkflowView> {
    return this.workflows.setState(id, 'Disabled');
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.workflows.delete(id);
  }

  /** Runs a schedule trigger now: 202 with the new run's id (also in `x-ms-workflow-run-id`). */
  @Post(':id/triggers/:trigger/run')
  @HttpCode(202)
  async runTrigger(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('trigger') trigger: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ runId: string }> {
    const started = await this.workflows.runTrigger(id, trigger);
    void reply.header('x-ms-workflow-run-id', started.runId);
    return started;
  }

  /** The Logic Apps spelling of the same question (`listCallbackUrl`), for tools written against it. */
  @Post(':id/triggers/:trigger/listCallbackUrl')
  @HttpCode(200)
  listCallbackUrl(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('trigger') trigger: string,
  ): Promise<CallbackUrlView> {
    return this.workflows.callbackUrl(id, trigger);
  }

  @Get(':id/triggers/:trigger/callback-url')
  callbackUrl(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('trigger') trigger: string,
  ): Promise<CallbackUrlView> {
    return this.workflows.callbackUrl(id, trigger);
  }
}
