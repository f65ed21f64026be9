/**
 * Which single triggers are switched off (a workflow's own Enabled/Disabled state comes from the orchestrator).
 * This replica's copy of the `trigger_switches` table, refreshed on every change notification.
 */
export class TriggerSwitches {
  private disabled = new Set<string>();

  isEnabled(workflowId: string, triggerName: string): boolean {
    return !this.disabled.has(`${workflowId}/${triggerName}`);
  }

  /** Replaces the set of disabled triggers. */
  replace(disabled: readonly { workflowId: string; triggerName: string }[]): void {
    this.disabled = new Set(disabled.map((d) => `${d.workflowId}/${d.triggerName}`));
  }
}
