import { after, before } from 'node:test';
import { resolvePlatform, type Platform } from './platform.js';
import { startGreeterTarget, type GreeterTarget } from './greeter-target.js';
import { newApiKey } from './greeter-workflow.js';

/** What most end-to-end specs start from: the running platform and a greeter API holding a fresh key. */
export interface GreeterFixture {
  platform: Platform;
  target: GreeterTarget;
  apiKey: string;
}

/**
 * Registers `before`/`after` hooks in the calling `describe`; the returned object is filled in by `before`
 * (read its fields inside tests, not at describe time).
 */
export function useGreeterFixture(): GreeterFixture {
  const fixture = { apiKey: newApiKey() } as GreeterFixture;
  before(async () => {
    fixture.platform = await resolvePlatform();
    fixture.target = await startGreeterTarget(fixture.apiKey);
  });
  after(async () => {
    await fixture.target?.close();
  });
  return fixture;
}
