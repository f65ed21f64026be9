/**
 * Table (Create CSV table / Create HTML table). Columns come from `columns` when given, otherwise from
 * the keys of the rows in order of first appearance. Values that are not strings are written as JSON.
 */
import type { ActionNode } from '../../definition/index.js';
import { ActionFailure } from '../interpreter-errors.js';
import type { RunEvaluationContext } from '../run-evaluation-context.js';
import type { Outcome, RunSession } from '../run-session.js';
import { evaluateValue } from '../template-evaluation.js';
import { cellText, evaluateFrom } from './data-executors.js';

interface Column {
  header: string;
  value: (row: unknown, rowCtx: RunEvaluationContext) => unknown;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnsOf(session: RunSession, node: ActionNode, rows: unknown[]): Column[] {
  const inputs = node.definition.inputs as Record<string, unknown>;
  const declared = inputs['columns'];
  if (declared !== undefined) {
    if (!Array.isArray(declared))
      throw new ActionFailure('InvalidTemplate', `The 'columns' of action '${node.name}' must be an array.`);
    return declared.map((column: unknown, index) => {
      const spec = (column ?? {}) as Record<string, unknown>;
      const header = typeof spec['header'] === 'string' ? spec['header'] : '';
      const valueTemplate = spec['value'];
      return {
        header,
        value: (_row, rowCtx) => evaluateValue(session, valueTemplate, rowCtx, node.name, `column ${index}`),
      };
    });
  }
  const keys: string[] = [];
  for (const row of rows) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) continue;
    for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  }
  return keys.map((key) => ({
    header: key,
    value: (row) =>
      row !== null && typeof row === 'object' ? (row as Record<string, unknown>)[key] : undefined,
  }));
}

export function runTable(session: RunSession, node: ActionNode, ctx: RunEvaluationContext): Outcome {
  const rows = evaluateFrom(session, node, ctx);
  const inputs = node.definition.inputs as Record<string, unknown>;
  const format = String(evaluateValue(session, inputs['format'], ctx, node.name)).toUpperCase();
  if (format !== 'CSV' && format !== 'HTML') {
    throw new ActionFailure('InvalidTemplate', `The 'format' of action '${node.name}' must be CSV or HTML.`);
  }
  const columns = columnsOf(session, node, rows);
  const cells = rows.map((row) => {
    const rowCtx = ctx.withItem(row);
    return columns.map((column) => cellText(column.value(row, rowCtx)));
  });
  let body = '';
  if (columns.length > 0) {
    if (format === 'CSV') {
      const lines = [columns.map((c) => csvField(c.header)), ...cells.map((r) => r.map(csvField))];
      body = `${lines.map((line) => line.join(',')).join('\r\n')}\r\n`;
    } else {
      const head = columns.map((c) => `<th>${htmlText(c.header)}</th>`).join('');
      const bodyRows = cells
        .map((r) => `<tr>${r.map((t) => `<td>${htmlText(t)}</td>`).join('')}</tr>`)
        .join('');
      body = `<table><thead><tr>${head}</tr></thead><tbody>${bodyRows}</tbody></table>`;
    }
  }
  return { status: 'Succeeded', inputs: { from: rows, format }, outputs: { body }, code: 'OK' };
}
