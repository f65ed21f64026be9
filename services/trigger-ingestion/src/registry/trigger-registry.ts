import type { TriggerSpec, WorkflowChanged } from '@patchbay/contracts';

/**
 * The triggers of every workflow, as last announced by the orchestrator on `workflow.changed`. Kept in memory:
 * the compacted topic is the source of truth and is replayed at start.
 */
export class TriggerRegistry {
  private readonly workflows = new Map<string, WorkflowChanged>();
  private sync?: (timeoutMs: number) => Promise<boolean>;

  /** Set by whatever feeds the registry: waits until every change published so far has been applied. */
  useSync(sync: (timeoutMs: number) => Promise<boolean>): void {
    this.sync = sync;
  }

  /**
   * Catches up with changes published moments ago (a workflow deployed just before its first call), at most
   * `timeoutMs`. Returns at once when the registry already has everything published.
   */
  async catchUp(timeoutMs: number): Promise<void> {
    await this.sync?.(timeoutMs).catch(() => false);
  }

  apply(change: WorkflowChanged): void {
    const current = this.workflows.get(change.workflowId);
    if (current !== undefined && current.version > change.version) return;
    if (change.state === 'Deleted') this.workflows.delete(change.workflowId);
    else this.workflows.set(change.workflowId, change);
  }

  workflow(workflowId: string): WorkflowChanged | undefined {
    return this.workflows.get(workflowId);
  }

  trigger(
    workflowId: string,
    triggerName: string,
  ): { workflow: WorkflowChanged; trigger: TriggerSpec } | undefined {
    const workflow = this.workflows.get(workflowId);
    const trigger = workflow?.triggers.find((t) => t.name === triggerName);
    return workflow === undefined || trigger === undefined ? undefined : { workflow, trigger };
  }

  /** Every workflow the registry knows (enabled or disabled). */
  all(): IterableIterator<WorkflowChanged> {
    return this.workflows.values();
  }

  get size(): number {
    return this.workflows.size;
  }
}
