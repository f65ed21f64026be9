import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ValidationFailedError } from '@patchbay/platform';
import { TriggerAdminService, type TriggerStatusView } from './trigger-admin.service.js';
import type { DecisionView } from '../persistence/decision-log.repository.js';

/** Admin REST API of single triggers. Thin: parse, call the service, return. */
@Controller('api/triggers/:workflowId/:triggerName')
export class TriggerAdminController {
  constructor(private readonly admin: TriggerAdminService) {}

  @Get()
  status(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Param('triggerName') triggerName: string,
  ): Promise<TriggerStatusView> {
    return this.admin.status(workflowId, triggerName);
  }

  @Post('enable')
  @HttpCode(200)
  enable(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Param('triggerName') triggerName: string,
  ): Promise<TriggerStatusView> {
    return this.admin.setEnabled(workflowId, triggerName, true);
  }

  @Post('disable')
  @HttpCode(200)
  disable(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Param('triggerName') triggerName: string,
  ): Promise<TriggerStatusView> {
    return this.admin.setEnabled(workflowId, triggerName, false);
  }

  @Post('run')
  @HttpCode(202)
  run(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Param('triggerName') triggerName: string,
  ): Promise<{ runId?: string; pollRequested?: boolean; subscribeRequested?: boolean }> {
    return this.admin.runNow(workflowId, triggerName);
  }

  /** The decision log, newest first: why the trigger fired, skipped or failed. */
  @Get('history')
  async history(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Param('triggerName') triggerName: string,
    @Query('limit') limit?: string,
  ): Promise<{ decisions: DecisionView[] }> {
    const count = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(count) || count < 1 || count > 1000)
      throw new ValidationFailedError('limit must be an integer from 1 to 1000', [
        { path: 'query.limit', message: 'expected an integer from 1 to 1000', found: limit },
      ]);
    return { decisions: await this.admin.history(workflowId, triggerName, count) };
  }
}
