import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Row of `connection_store.oauth_consents`: a consent URL handed out and not yet answered. `state` is kept
 * only as a SHA-256 hash; the PKCE verifier is a one-time value that is worthless without the code the
 * provider sends to our own redirect URI, and the row goes at the callback or after `expires_at`.
 */
@Entity({ name: 'oauth_consents' })
export class OAuthConsentEntity {
  @PrimaryColumn('varchar', { name: 'state_hash', length: 64 })
  stateHash!: string;

  @Column('uuid', { name: 'connection_id' })
  connectionId!: string;

  @Column('varchar', { name: 'code_verifier', length: 128 })
  codeVerifier!: string;

  @Column('text', { name: 'redirect_uri' })
  redirectUri!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;
}
