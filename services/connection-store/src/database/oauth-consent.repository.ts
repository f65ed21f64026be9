import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { withDatabaseErrors } from './database-errors.js';
import { OAuthConsentEntity } from './oauth-consent.entity.js';

export type PendingConsent = OAuthConsentEntity;

/** The only code that reads and writes `connection_store.oauth_consents`. */
@Injectable()
export class OAuthConsentRepository {
  constructor(@InjectRepository(OAuthConsentEntity) private readonly rows: Repository<OAuthConsentEntity>) {}

  async insert(consent: PendingConsent): Promise<void> {
    await withDatabaseErrors(() => this.rows.insert(consent));
  }

  /** Takes the consent with that state hash: it is deleted in the same statement, so it works once. */
  async take(stateHash: string): Promise<PendingConsent | undefined> {
    const result = await withDatabaseErrors(() =>
      this.rows.createQueryBuilder().delete().where({ stateHash }).returning('*').execute(),
    );
    const row = (result.raw as Record<string, unknown>[] | undefined)?.[0];
    if (row === undefined) return undefined;
    return {
      stateHash: String(row.state_hash),
      connectionId: String(row.connection_id),
      codeVerifier: String(row.code_verifier),
      redirectUri: String(row.redirect_uri),
      createdAt: new Date(row.created_at as string),
      expiresAt: new Date(row.expires_at as string),
    };
  }

  async deleteExpired(now: Date): Promise<void> {
    await withDatabaseErrors(() => this.rows.delete({ expiresAt: LessThan(now) }));
  }
}
