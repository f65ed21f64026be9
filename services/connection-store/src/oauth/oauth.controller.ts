import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  connectionNameSchema,
  namespaceQuery,
  parseConnectionName,
  parseNamespace,
} from '../connections/connection-input.js';
import type { ConnectionView } from '../connections/connection.types.js';
import { parseOrThrow } from '../validation/field-problems.js';
import { OAuthConsentService, type ConsentCallback, type ConsentStart } from './oauth-consent.service.js';

const callbackQuery = z
  .object({
    state: z.string().min(1, { error: 'is required' }).max(512),
    code: z.string().min(1).max(4096).optional(),
    error: z.string().min(1).max(256).optional(),
    error_description: z.string().max(4096).optional(),
  })
  .refine((q) => (q.code === undefined) !== (q.error === undefined), {
    error: 'must carry either code or error',
    path: ['code'],
  });

/** OAuth2 consent: the URL a user opens, and the callback the provider sends the user back to. */
@Controller('api')
export class OAuthController {
  constructor(private readonly consents: OAuthConsentService) {}

  /** `POST /api/connections/:name/oauth/consent` -> `{ consentUrl, expiresAt }`. */
  @Post('connections/:name/oauth/consent')
  start(
    @Query({ schema: namespaceQuery }) query: unknown,
    @Param('name', { schema: connectionNameSchema }) name: string,
  ): Promise<ConsentStart> {
    return this.consents.start(parseNamespace(query), parseConnectionName(name));
  }

  /** `GET /api/oauth/callback?state&code` -> the connection, now `Connected`; never a token. */
  @Get('oauth/callback')
  callback(@Query({ schema: callbackQuery }) query: unknown): Promise<ConnectionView> {
    const parsed = parseOrThrow(callbackQuery, query ?? {}, 'OAuth callback', { root: 'query' });
    const callback: ConsentCallback = { state: parsed.state };
    if (parsed.code !== undefined) callback.code = parsed.code;
    if (parsed.error !== undefined) callback.error = parsed.error;
    return this.consents.complete(callback);
  }
}
