import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { parsePolicyBody, parsePolicyName, policyBody, policyNameSchema } from './policy-input.js';
import { PolicyService, type PolicyDryRun } from './policy.service.js';
import type { ConnectorPolicyView } from './policy.types.js';

interface StatusReply {
  status(code: number): unknown;
}

/** Admin REST API for connector policies (deny- and allow-lists of connector ids). */
@Controller('api/connector-policies')
export class PoliciesController {
  constructor(private readonly policies: PolicyService) {}

  /** `GET /api/connector-policies` -> `{ policies: [...] }`, sorted by name. */
  @Get()
  async list(): Promise<{ policies: ConnectorPolicyView[] }> {
    return { policies: await this.policies.list() };
  }

  /** `GET /api/connector-policies/:name`. */
  @Get(':name')
  get(@Param('name', { schema: policyNameSchema }) name: string): Promise<ConnectorPolicyView> {
    return this.policies.get(parsePolicyName(name));
  }

  /** `PUT /api/connector-policies/:name` -> 201 (new) or 200 (replaced). Takes effect at the next resolve. */
  @Put(':name')
  async put(
    @Param('name', { schema: policyNameSchema }) name: string,
    @Body({ schema: policyBody }) body: unknown,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<ConnectorPolicyView> {
    const result = await this.policies.put(parsePolicyBody(name, body));
    reply.status(result.created ? 201 : 200);
    return result.policy;
  }

  /** `POST /api/connector-policies/:name/dry-run` with the body a PUT would take: what it would change. */
  @Post(':name/dry-run')
  @HttpCode(200)
  dryRun(
    @Param('name', { schema: policyNameSchema }) name: string,
    @Body({ schema: policyBody }) body: unknown,
  ): Promise<PolicyDryRun> {
    return this.policies.dryRun(parsePolicyBody(name, body));
  }

  /** `DELETE /api/connector-policies/:name` -> 204. */
  @Delete(':name')
  @HttpCode(204)
  async delete(@Param('name', { schema: policyNameSchema }) name: string): Promise<void> {
    await this.policies.delete(parsePolicyName(name));
  }
}
