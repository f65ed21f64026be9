import { createRequire } from 'node:module';

/**
 * n8n's expression engine (npm `n8n-workflow`), loaded through its CommonJS build (the ESM build uses
 * extensionless imports that Node's ESM loader rejects). Only the few members used here are typed.
 */
interface N8nWorkflowConstructor {
  new (parameters: {
    id: string;
    nodes: unknown[];
    connections: object;
    active: boolean;
    nodeTypes: object;
  }): N8nWorkflow;
}
interface N8nWorkflow {
  readonly timezone: string;
  readonly expression: {
    getParameterValue(
      value: string,
      runData: null,
      runIndex: number,
      itemIndex: number,
      node: string,
      items: unknown[],
      mode: string,
      keys: object,
    ): unknown;
  };
}
interface N8nDataProxyConstructor {
  new (
    workflow: N8nWorkflow,
    runData: null,
    runIndex: number,
    itemIndex: number,
    node: string,
    items: unknown[],
    siblings: object,
    mode: string,
    keys: object,
  ): {
    getDataProxy(): object;
  };
}
interface N8nExpressionConstructor {
  new (timezone: string): { resolveSimpleParameterValue(value: string, data: object): unknown };
  getActiveImplementation?(): string;
}

const n8n = createRequire(import.meta.url)('n8n-workflow') as {
  Workflow: N8nWorkflowConstructor;
  WorkflowDataProxy: N8nDataProxyConstructor;
  Expression: N8nExpressionConstructor;
};

/** A node type stub: the Set node's description is all expression evaluation needs. */
const NODE_TYPES = {
  getByName: () => ({ description: { properties: [] } }),
  getByNameAndVersion: () => ({ description: { properties: [] } }),
  getKnownTypes: () => ({}),
};

export type N8nEvaluator = (expression: string) => unknown;

/** Which of n8n's evaluators is active ('legacy' unless N8N_EXPRESSION_ENGINE selects another). */
export function n8nEngineName(): string {
  return n8n.Expression.getActiveImplementation?.() ?? 'unknown';
}

/**
 * Two ways to evaluate an expression for one input item `{ json }`:
 * - `prepared`: one data proxy built up front, then `Expression.resolveSimpleParameterValue` per evaluation
 *   (n8n's cheapest path; the fair match for a Patchbay context built once);
 * - `perCall`: `workflow.expression.getParameterValue`, which builds the data proxy on every call, as n8n's
 *   nodes do for each parameter and item.
 */
export function createN8nEvaluators(json: object): { prepared: N8nEvaluator; perCall: N8nEvaluator } {
  const workflow = new n8n.Workflow({
    id: 'bench',
    nodes: [
      {
        name: 'node',
        typeVersion: 1,
        type: 'n8n-nodes-base.set',
        id: 'node-1',
        position: [0, 0],
        parameters: {},
      },
    ],
    connections: {},
    active: false,
    nodeTypes: NODE_TYPES,
  });
  const items = [{ json }];
  const data = new n8n.WorkflowDataProxy(
    workflow,
    null,
    0,
    0,
    'node',
    items,
    {},
    'manual',
    {},
  ).getDataProxy();
  const expression = new n8n.Expression(workflow.timezone);
  return {
    prepared: (text) => expression.resolveSimpleParameterValue(text, data),
    perCall: (text) => workflow.expression.getParameterValue(text, null, 0, 0, 'node', items, 'manual', {}),
  };
}
