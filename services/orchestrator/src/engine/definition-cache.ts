import type { EntityManager } from 'typeorm';
import { NotFoundError } from '@patchbay/platform';
import type { SecureValueSealer, WorkflowDefinition } from '@patchbay/wdl';
import { unsealParameters } from './secure-parameters.js';
import { WorkflowEntity } from '../persistence/workflow.entity.js';
import { WorkflowVersionEntity } from '../persistence/workflow-version.entity.js';
import { bareDefinition } from '../workflows/workflow-triggers.js';

export interface PinnedWorkflow {
  workflowId: string;
  workflowName: string;
  version: number;
  definition: WorkflowDefinition;
  parameters: Record<string, unknown>;
}

/**
 * Workflow versions are immutable, so each one is read from Postgres once per process and kept (least recently
 * used first out), secure parameter values unsealed. Runs are pinned to a version; their stored state holds only
 * the definition's hash.
 */
export class DefinitionCache {
  private readonly entries = new Map<string, PinnedWorkflow>();

  constructor(
    private readonly sealer: SecureValueSealer,
    private readonly capacity = 1_000,
  ) {}

  async get(manager: EntityManager, workflowId: string, version: number): Promise<PinnedWorkflow> {
    const key = `${workflowId}@${version}`;
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const [workflow, row] = await Promise.all([
      manager.findOne(WorkflowEntity, { where: { id: workflowId }, select: { id: true, name: true } }),
      manager.findOneBy(WorkflowVersionEntity, { workflowId, version }),
    ]);
    if (row === null) {
      throw new NotFoundError(`workflow ${workflowId} version ${version} does not exist (deleted?)`);
    }
    const pinned: PinnedWorkflow = {
      workflowId,
      // A deleted workflow's runs still finish; its name is then unknown here.
      workflowName: workflow?.name ?? workflowId,
      version,
      definition: bareDefinition(row.definition),
      parameters: unsealParameters(row.parameters, this.sealer),
    };
    this.entries.set(key, pinned);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return pinned;
  }
}
