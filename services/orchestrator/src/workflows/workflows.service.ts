import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasResponseAction, validateDefinition, type SecureValueSealer } from '@patchbay/wdl';
import { callbackPath, Topics } from '@patchbay/contracts';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../config/orchestrator.config.js';
import { WorkflowEntity, type WorkflowState } from '../persistence/workflow.entity.js';
import { WorkflowVersionEntity } from '../persistence/workflow-version.entity.js';
import { OutboxWriter } from '../outbox/outbox.writer.js';
import { OutboxRelay } from '../outbox/outbox.relay.js';
import type { CreateWorkflowRequest, UpdateWorkflowRequest } from './workflow-request.schema.js';
import { bareDefinition, secureTriggerParameterProblems, triggerSpecs } from './workflow-triggers.js';
import { InvalidDefinitionError, workflowErrors } from './workflow.errors.js';
import { insertRows } from '../persistence/insert-rows.js';
import { STATE_SEALER } from '../tokens.js';
import { hideSealedParameters, sealSecureParameters } from '../engine/secure-parameters.js';

export interface WorkflowView {
  id: string;
  namespace: string;
  name: string;
  version: number;
  state: WorkflowState;
  definition: Record<string, unknown>;
  /** Values of secure parameters are shown as `***`. */
  parameters: Record<string, unknown>;
  accessControl?: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface CallbackUrlView {
  value: string;
  method: string;
  basePath: string;
  queries: { sv: string; sig: string };
  /** The trigger's relative path template, when it has one (`orders/{id}`), and its parameter names. */
  relativePath?: string;
  relativePathParameters?: string[];
}

/**
 * Workflows and their versions. Every change commits together with the `workflow.changed` event that tells
 * trigger-ingestion about it (outbox), so the two can never disagree after a crash.
 */
@Injectable()
export class WorkflowsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(STATE_SEALER) private readonly sealer: SecureValueSealer,
  ) {}

  async create(request: CreateWorkflowRequest): Promise<WorkflowView> {
    this.validate(request.definition);
    const view = await this.dataSource.transaction(async (manager) => {
      const taken = await manager.findOneBy(WorkflowEntity, {
        namespace: request.namespace,
        name: request.name,
      });
      if (taken !== null) throw workflowErrors.nameTaken(request.namespace, request.name);
      const workflow = manager.create(WorkflowEntity, {
        id: randomUUID(),
        namespace: request.namespace,
        name: request.name,
        currentVersion: 1,
        state: request.state,
        signatureKeyVersions: {},
      });
      await manager.insert(WorkflowEntity, workflow);
      const version = await this.addVersion(manager, workflow, request);
      await this.announce(manager, workflow, version);
      return this.view(workflow, version);
    });
    // Answer once trigger-ingestion can learn of the change: a caller may use the callback URL right away.
    await this.relay.flush();
    return view;
  }

  async update(id: string, request: UpdateWorkflowRequest): Promise<WorkflowView> {
    this.validate(request.definition);
    const view = await this.dataSource.transaction(async (manager) => {
      const workflow = await this.lockWorkflow(manager, id);
      workflow.currentVersion += 1;
      await manager.save(WorkflowEntity, workflow);
      const version = await this.addVersion(manager, workflow, request);
      await this.announce(manager, workflow, version);
      return this.view(workflow, version);
    });
    // Answer once trigger-ingestion can learn of the change: a caller may use the callback URL right away.
    await this.relay.flush();
    return view;
  }

  async setState(id: string, state: WorkflowState): Promise<WorkflowView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const workflow = await this.lockWorkflow(manager, id);
      workflow.state = state;
      await manager.save(WorkflowEntity, workflow);
      const version = await manager.findOneByOrFail(WorkflowVersionEntity, {
        workflowId: id,
        version: workflow.currentVersion,
      });
      await this.announce(manager, workflow, version);
      return this.view(workflow, version);
    });
    // Answer once trigger-ingestion can learn of the change: a caller may use the callback URL right away.
    await this.relay.flush();
    return view;
  }

  /**
   * Deletes a workflow and its versions; its runs stay readable in the run history. trigger-ingestion hears
   * `Deleted` through the same outbox and stops accepting calls for it.
   */
  async delete(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const workflow = await this.lockWorkflow(manager, id);
      const version = await manager.findOneByOrFail(WorkflowVersionEntity, {
        workflowId: id,
        version: workflow.currentVersion,
      });
      await this.announce(manager, workflow, version, 'Deleted');
      await manager.delete(WorkflowEntity, { id });
    });
    await this.relay.flush();
  }

  async get(id: string): Promise<WorkflowView> {
    const workflow = await this.dataSource.manager.findOneBy(WorkflowEntity, { id });
    if (workflow === null) throw workflowErrors.notFound(id);
    const version = await this.dataSource.manager.findOneByOrFail(WorkflowVersionEntity, {
      workflowId: id,
      version: workflow.currentVersion,
    });
    return this.view(workflow, version);
  }

  async list(namespace: string): Promise<Omit<WorkflowView, 'definition' | 'parameters'>[]> {
    const rows = await this.dataSource.manager.find(WorkflowEntity, {
      where: { namespace },
      order: { name: 'ASC' },
    });
    return rows.map((w) => ({
      id: w.id,
      namespace: w.namespace,
      name: w.name,
      version: w.currentVersion,
      state: w.state,
      createdAt: w.createdAt.toISOString(),
      updatedAt: w.updatedAt.toISOString(),
    }));
  }

  /**
   * "Run trigger now" for schedule triggers (Recurrence, SlidingWindow): a `trigger.fired` for a new run, written
   * through the outbox like every other event, so the run starts exactly once even if we crash right after.
   */
  async runTrigger(id: string, triggerName: string): Promise<{ runId: string }> {
    const runId = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      const workflow = await manager.findOneBy(WorkflowEntity, { id });
      if (workflow === null) throw workflowErrors.notFound(id);
      const version = await manager.findOneByOrFail(WorkflowVersionEntity, {
        workflowId: id,
        version: workflow.currentVersion,
      });
      const trigger = bareDefinition(version.definition).triggers?.[triggerName];
      if (trigger === undefined) throw workflowErrors.triggerNotFound(id, triggerName);
      const type = trigger.type.toLowerCase();
      if (type !== 'recurrence' && type !== 'slidingwindow')
        throw workflowErrors.cannotRunNow(triggerName, trigger.type);
      if (workflow.state !== 'Enabled') throw workflowErrors.disabled(workflow.name);
      const now = new Date().toISOString();
      await this.outbox.add(manager, [
        {
          topic: Topics.triggerFired,
          key: runId,
          data: {
            runId,
            workflowId: id,
            workflowVersion: version.version,
            triggerName,
            firedAt: now,
            scheduledTime: now,
            outputs: { scheduledTime: now },
            awaitsResponse: false,
          },
        },
      ]);
    });
    this.relay.wake();
    return { runId };
  }

  /** The signed URL that calls a Request trigger. */
  async callbackUrl(id: string, triggerName: string): Promise<CallbackUrlView> {
    const workflow = await this.dataSource.manager.findOneBy(WorkflowEntity, { id });
    if (workflow === null) throw workflowErrors.notFound(id);
    const version = await this.dataSource.manager.findOneByOrFail(WorkflowVersionEntity, {
      workflowId: id,
      version: workflow.currentVersion,
    });
    const trigger = bareDefinition(version.definition).triggers?.[triggerName];
    if (trigger === undefined) throw workflowErrors.triggerNotFound(id, triggerName);
    if (trigger.type.toLowerCase() !== 'request')
      throw workflowErrors.notRequestTrigger(triggerName, trigger.type);
    const keyVersion = workflow.signatureKeyVersions[triggerName] ?? 0;
    const [signingKey] = this.config.PATCHBAY_WEBHOOK_SIGNING_KEY;
    const path = callbackPath(signingKey!, id, triggerName, keyVersion);
    const url = new URL(path, this.config.PATCHBAY_PUBLIC_BASE_URL);
    const inputs = trigger.inputs as { method?: unknown; relativePath?: unknown } | undefined;
    const basePath = `${url.origin}${url.pathname}`;
    const relativePath =
      typeof inputs?.relativePath === 'string' ? inputs.relativePath.replace(/^\/+/, '') : undefined;
    // As Logic Apps lists it: the relative path template (`orders/{id}`) follows `/invoke/`; the caller fills it.
    if (relativePath !== undefined && relativePath !== '') url.pathname = `${url.pathname}/${relativePath}`;
    return {
      value: decodeURI(url.toString()),
      method: typeof inputs?.method === 'string' ? inputs.method.toUpperCase() : 'POST',
      basePath,
      queries: { sv: url.searchParams.get('sv')!, sig: url.searchParams.get('sig')! },
      ...(relativePath === undefined || relativePath === ''
        ? {}
        : {
            relativePath,
            relativePathParameters: [...relativePath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
          }),
    };
  }

  private validate(definition: Record<string, unknown>): void {
    const result = validateDefinition(definition);
    if (!result.valid) throw new InvalidDefinitionError(result.problems);
    const secureInTriggers = secureTriggerParameterProblems(bareDefinition(definition));
    if (secureInTriggers.length > 0) throw new InvalidDefinitionError(secureInTriggers);
  }

  private async lockWorkflow(manager: EntityManager, id: string): Promise<WorkflowEntity> {
    const workflow = await manager.findOne(WorkflowEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (workflow === null) throw workflowErrors.notFound(id);
    return workflow;
  }

  private async addVersion(
    manager: EntityManager,
    workflow: WorkflowEntity,
    request: UpdateWorkflowRequest,
  ): Promise<WorkflowVersionEntity> {
    const version = manager.create(WorkflowVersionEntity, {
      workflowId: workflow.id,
      version: workflow.currentVersion,
      definition: request.definition,
      parameters: sealSecureParameters(bareDefinition(request.definition), request.parameters, this.sealer),
      accessControl: request.accessControl ?? null,
    });
    await insertRows(manager, WorkflowVersionEntity, version);
    return version;
  }

  private async announce(
    manager: EntityManager,
    workflow: WorkflowEntity,
    version: WorkflowVersionEntity,
    state: WorkflowState | 'Deleted' = workflow.state,
  ): Promise<void> {
    const definition = bareDefinition(version.definition);
    await this.outbox.add(manager, [
      {
        topic: Topics.workflowChanged,
        key: workflow.id,
        data: {
          workflowId: workflow.id,
          namespace: workflow.namespace,
          name: workflow.name,
          version: version.version,
          state,
          triggers: triggerSpecs(definition, workflow.signatureKeyVersions, version.parameters),
          hasResponseAction: hasResponseAction(definition),
          ...(version.accessControl === null ? {} : { accessControl: version.accessControl }),
          changedAt: new Date().toISOString(),
        },
      },
    ]);
  }

  private view(workflow: WorkflowEntity, version: WorkflowVersionEntity): WorkflowView {
    return {
      id: workflow.id,
      namespace: workflow.namespace,
      name: workflow.name,
      version: version.version,
      state: workflow.state,
      definition: version.definition,
      parameters: hideSealedParameters(version.parameters),
      ...(version.accessControl === null ? {} : { accessControl: version.accessControl }),
      createdAt: (workflow.createdAt ?? new Date()).toISOString(),
      updatedAt: (workflow.updatedAt ?? new Date()).toISOString(),
    };
  }
}
