/**
 * Power Platform policy templates (`apiProperties.json` `policyTemplateInstances`) applied to the generated
 * operations. Supported: `dynamichosturl`, `routerequesttoendpoint`, `setheader` and `setqueryparameter` on
 * requests, `setvaluefromurl`, `pollingtrigger` (items path), the body rewrites (`setproperty`,
 * `stringreplace`, `encodepropertyvalue`, `convertobjecttoarray`, `convertarraytoobject`, `stringtoarray`, on
 * request or response) and `updatenextlink` (the next link property pagination follows). Others are skipped
 * with a warning naming the template and the operations it applied to.
 */
import type { GeneratedOperation, ImportWarning } from '../model/imported-connector.js';
import { BODY_TEMPLATE_IDS, bodyTransformOf } from './body-policy-templates.js';
import { isObject, jsonPath } from './json-path.js';

const PREFIX = 'x-ms-apimTemplateParameter.';

export interface PolicyResult {
  /** Connector-wide `dynamichosturl` (applies to operations without their own). */
  hostUrlTemplate?: string;
  /** Per-operation `dynamichosturl`. */
  hostUrlTemplates: Map<string, string>;
  /** Template ids met, lower-case, with whether they were applied. */
  templates: { id: string; supported: boolean }[];
}

export function applyPolicyTemplates(
  apiProperties: Record<string, unknown> | undefined,
  operations: GeneratedOperation[],
  warnings: ImportWarning[],
): PolicyResult {
  const result: PolicyResult = { hostUrlTemplates: new Map(), templates: [] };
  const properties = isObject(apiProperties?.['properties']) ? apiProperties['properties'] : {};
  const instances = Array.isArray(properties['policyTemplateInstances'])
    ? properties['policyTemplateInstances']
    : [];
  instances.forEach((instance: unknown, i: number) => {
    if (!isObject(instance)) return;
    const at = `apiProperties${jsonPath('properties', 'policyTemplateInstances', i)}`;
    const id = String(instance['templateId']).toLowerCase();
    const parameters = isObject(instance['parameters']) ? instance['parameters'] : {};
    const named = parameters['x-ms-apimTemplate-operationName'];
    const targets = Array.isArray(named)
      ? operations.filter((o) => named.includes(o.operationId))
      : operations;
    const value = (name: string): unknown => parameters[PREFIX + name];
    const section = textOf(parameters['x-ms-apimTemplate-policySection'], 'Request').toLowerCase();
    const supported = applyOne(id, { value, section, targets, named: Array.isArray(named), result });
    result.templates.push({ id, supported });
    if (!supported) {
      warnings.push({
        path: at,
        message: `policy template ${String(instance['templateId'])} is not applied (operations: ${
          targets.map((o) => o.operationId).join(', ') || 'none'
        })`,
        feature: `policy:${id}`,
      });
    }
  });
  return result;
}

interface ApplyInput {
  value(name: string): unknown;
  section: string;
  targets: GeneratedOperation[];
  named: boolean;
  result: PolicyResult;
}

function applyOne(id: string, input: ApplyInput): boolean {
  const { value, section, targets } = input;
  if (BODY_TEMPLATE_IDS.has(id)) {
    const transform = bodyTransformOf(id, value);
    if (transform === undefined || (section !== 'request' && section !== 'response')) return false;
    for (const o of targets) o.bodyTransforms.push({ section, transform });
    return true;
  }
  switch (id) {
    case 'dynamichosturl': {
      const template = value('urlTemplate');
      if (typeof template !== 'string') return false;
      if (input.named) for (const o of targets) input.result.hostUrlTemplates.set(o.operationId, template);
      else input.result.hostUrlTemplate = template;
      return true;
    }
    case 'routerequesttoendpoint': {
      const newPath = value('newPath');
      if (typeof newPath !== 'string') return false;
      const method = value('httpMethod');
      for (const o of targets) {
        o.wire = {
          method: typeof method === 'string' && !method.startsWith('@') ? method.toUpperCase() : o.method,
          path: newPath,
        };
      }
      return true;
    }
    case 'setheader':
    case 'setqueryparameter': {
      const name = value('name');
      const headerValue = value('value');
      if (section !== 'request' || typeof name !== 'string' || typeof headerValue !== 'string') return false;
      const append = textOf(value('existsAction'), 'override').toLowerCase() === 'append';
      for (const o of targets) {
        const map = id === 'setheader' ? o.policyHeaders : o.policyQueries;
        map[name] = append && map[name] !== undefined ? `${map[name]},${headerValue}` : headerValue;
      }
      return true;
    }
    case 'setvaluefromurl': {
      const target = /^@headers\('([^']+)'\)$/.exec(textOf(value('parameterTemplate'), '').trim());
      const path = value('parameterValueUrl');
      const valuePath = bodyPath(textOf(value('parameterValuePathTemplate'), ''));
      if (target === null || typeof path !== 'string' || valuePath === undefined || section !== 'request')
        return false;
      const method = textOf(value('httpMethod'), 'GET').toUpperCase();
      for (const o of targets) o.valueLookups.push({ header: target[1] as string, method, path, valuePath });
      return true;
    }
    case 'updatenextlink': {
      // In the gateway it rewrites the next link to point back through the connector; here the runtime follows
      // next links itself (with the connection's credentials), so the template only names the property.
      const name = value('nextLinkPropertyName');
      if (typeof name !== 'string' || name === '') return false;
      for (const o of targets) o.pageable = { itemName: o.pageable?.itemName ?? 'value', nextLinkName: name };
      return true;
    }
    case 'pollingtrigger': {
      const dataPath = value('triggerDataPath');
      if (typeof dataPath !== 'string') return false;
      const itemsPath = bodyPath(dataPath);
      for (const o of targets)
        if (o.trigger !== undefined && itemsPath !== undefined) o.trigger.itemsPath = itemsPath;
      return itemsPath !== undefined;
    }
    default:
      return false;
  }
}

/** `@triggerBody().attendees` / `@body().value` -> `attendees` / `value`; `@triggerBody()` -> ``. */
export function bodyPath(expression: string): string | undefined {
  const match = /^@(?:triggerBody|body)\(\)((?:\.[A-Za-z0-9_$]+|\['[^']+'\])*)$/.exec(expression.trim());
  if (match === null) return undefined;
  return [...(match[1] ?? '').matchAll(/\.([A-Za-z0-9_$]+)|\['([^']+)'\]/g)]
    .map((m) => m[1] ?? m[2] ?? '')
    .join('/');
}

function textOf(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
