import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Single triggers switched on or off through the API. */
@Injectable()
export class TriggerSwitchRepository {
  constructor(private readonly db: DataSource) {}

  async set(workflowId: string, triggerName: string, enabled: boolean): Promise<void> {
    await this.db.query(
      `INSERT INTO trigger_ingestion.trigger_switches (workflow_id, trigger_name, enabled)
       VALUES ($1, $2, $3)
       ON CONFLICT (workflow_id, trigger_name) DO UPDATE SET enabled = excluded.enabled, changed_at = now()`,
      [workflowId, triggerName, enabled],
    );
  }

  async disabled(): Promise<{ workflowId: string; triggerName: string }[]> {
    const rows: { workflow_id: string; trigger_name: string }[] = await this.db.query(
      `SELECT workflow_id, trigger_name FROM trigger_ingestion.trigger_switches WHERE NOT enabled`,
    );
    return rows.map((r) => ({ workflowId: r.workflow_id, triggerName: r.trigger_name }));
  }
}
