import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../config/logger.token.js';
import { ConnectionLinkRepository } from '../database/connection-link.repository.js';
import { ConnectionRepository } from '../database/connection.repository.js';
import { ConnectorPolicyRepository } from '../database/connector-policy.repository.js';
import { PolicyNotFoundError } from './policy-errors.js';
import { evaluatePolicies, type PolicyBlock } from './policy-evaluation.js';
import type { PolicyInput } from './policy-input.js';
import { toPolicyView, type ConnectorPolicy, type ConnectorPolicyView } from './policy.types.js';

/** A connection whose usability a policy change would change. */
export interface AffectedConnection {
  id: string;
  namespace: string;
  name: string;
  connectorId: string;
  linkedWorkflowIds: string[];
  /** Why it would be blocked (only in `blocked`). */
  reason?: string;
}

/** What applying a policy would do, computed without applying it. */
export interface PolicyDryRun {
  policy: ConnectorPolicyView;
  /** Connections that resolve today and would stop resolving. */
  blocked: AffectedConnection[];
  /** Connections blocked today that would resolve again. */
  unblocked: AffectedConnection[];
  /** Workflows linked to a connection in `blocked`: their connector actions would start failing. */
  affectedWorkflowIds: string[];
}

/**
 * Connector policies: deny- and allow-lists of connector ids, global or per namespace. Enforced when a
 * connection is created and at every resolve (ConnectionService, ConnectionResolutionService ask `blockOf`).
 */
@Injectable()
export class PolicyService {
  constructor(
    private readonly policies: ConnectorPolicyRepository,
    private readonly connections: ConnectionRepository,
    private readonly links: ConnectionLinkRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The policy that forbids `connectorId` in `namespace`, if any. */
  async blockOf(namespace: string, connectorId: string): Promise<PolicyBlock | undefined> {
    return evaluatePolicies(await this.policies.inScope(namespace), namespace, connectorId);
  }

  async put(input: PolicyInput): Promise<{ created: boolean; policy: ConnectorPolicyView }> {
    const now = new Date();
    const created = await this.policies.upsert({ ...input, createdAt: now, updatedAt: now });
    this.logger.info(
      { policy: input.name, namespace: input.namespace, mode: input.mode, connectorIds: input.connectorIds },
      created ? 'connector policy created' : 'connector policy replaced',
    );
    return { created, policy: await this.get(input.name) };
  }

  async get(name: string): Promise<ConnectorPolicyView> {
    const policy = await this.policies.find(name);
    if (policy === undefined) throw new PolicyNotFoundError(name);
    return toPolicyView(policy);
  }

  async list(): Promise<ConnectorPolicyView[]> {
    return (await this.policies.list()).map(toPolicyView);
  }

  async delete(name: string): Promise<void> {
    if (!(await this.policies.delete(name))) throw new PolicyNotFoundError(name);
    this.logger.info({ policy: name }, 'connector policy deleted');
  }

  /**
   * What `put(input)` would change: each settled connection in the policy's scope (and, when the policy
   * moves between scopes, in its old one) is judged under today's policies and under the proposed set.
   */
  async dryRun(input: PolicyInput): Promise<PolicyDryRun> {
    const now = new Date();
    const current = await this.policies.list();
    const existing = current.find((p) => p.name === input.name);
    const proposed: ConnectorPolicy = {
      ...input,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    const next = [...current.filter((p) => p.name !== input.name), proposed];
    const global = input.namespace === null || existing?.namespace === null;
    const namespaces = new Set([input.namespace, existing?.namespace].filter((n) => typeof n === 'string'));
    const candidates = global
      ? await this.connections.listSettled(null)
      : (await Promise.all([...namespaces].map((n) => this.connections.listSettled(n)))).flat();
    const linked = await this.links.workflowIdsOf(candidates.map((c) => c.id));
    const blocked: AffectedConnection[] = [];
    const unblocked: AffectedConnection[] = [];
    for (const connection of candidates) {
      const before = evaluatePolicies(current, connection.namespace, connection.connectorId);
      const after = evaluatePolicies(next, connection.namespace, connection.connectorId);
      const affected: AffectedConnection = {
        id: connection.id,
        namespace: connection.namespace,
        name: connection.name,
        connectorId: connection.connectorId,
        linkedWorkflowIds: linked.get(connection.id) ?? [],
      };
      if (before === undefined && after !== undefined) blocked.push({ ...affected, reason: after.reason });
      if (before !== undefined && after === undefined) unblocked.push(affected);
    }
    const affectedWorkflowIds = [...new Set(blocked.flatMap((c) => c.linkedWorkflowIds))].sort();
    return { policy: toPolicyView(proposed), blocked, unblocked, affectedWorkflowIds };
  }
}
