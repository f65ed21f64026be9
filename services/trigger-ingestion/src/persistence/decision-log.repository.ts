import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What happened at one trigger evaluation, for "why didn't my workflow fire?". */
export interface Decision {
  workflowId: string;
  triggerName: string;
  outcome: string;
  detail: Record<string, unknown>;
}

export interface DecisionView extends Decision {
  id: string;
  at: string;
}

/** The append-only decision log of triggers. */
@Injectable()
export class DecisionLogRepository {
  constructor(private readonly db: DataSource) {}

  async append(
    decisions: readonly Decision[],
    run: (sql: string, params: unknown[]) => Promise<unknown> = (s, p) => this.db.query(s, p),
  ): Promise<void> {
    if (decisions.length === 0) return;
    await run(
      `INSERT INTO trigger_ingestion.decisions (workflow_id, trigger_name, outcome, detail)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        decisions.map((d) => d.workflowId),
        decisions.map((d) => d.triggerName),
        decisions.map((d) => d.outcome),
        decisions.map((d) => JSON.stringify(d.detail)),
      ],
    );
  }

  async latest(workflowId: string, triggerName: string, limit: number): Promise<DecisionView[]> {
    const rows: { id: string; at: Date; outcome: string; detail: Record<string, unknown> }[] =
      await this.db.query(
        `SELECT id, at, outcome, detail FROM trigger_ingestion.decisions
       WHERE workflow_id = $1 AND trigger_name = $2 ORDER BY id DESC LIMIT $3`,
        [workflowId, triggerName, limit],
      );
    return rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      workflowId,
      triggerName,
      outcome: r.outcome,
      detail: r.detail,
    }));
  }
}
