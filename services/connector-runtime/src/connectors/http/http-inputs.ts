import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const basicAuthentication = z.object({
  type: z.string().regex(/^basic$/i),
  username: z.string(),
  password: z.string(),
});
const rawAuthentication = z.object({
  type: z.string().regex(/^raw$/i),
  value: z.string().min(1),
});
/** Logic Apps `ClientCertificate`: a base64 PKCS#12 bundle and its password. */
const clientCertificateAuthentication = z.object({
  type: z.string().regex(/^clientcertificate$/i),
  pfx: z.string().min(1),
  password: z.string().optional(),
});

/** Logic Apps authentication types this runtime does not implement (yet). */
const UNSUPPORTED_AUTHENTICATION = /^(ActiveDirectoryOAuth|ManagedServiceIdentity)$/i;

/**
 * Inputs of the WDL `Http` action as Logic Apps defines them. Fields this runtime does not use (cookie,
 * retryPolicy evaluated by the orchestrator) are ignored.
 */
const httpInputsSchema = z.looseObject({
  method: z
    .string()
    .regex(/^[A-Za-z]+$/, { error: 'is not an HTTP method' })
    .transform((m) => m.toUpperCase()),
  uri: z.url({ protocol: /^https?$/, error: 'is not an absolute http(s) URL' }),
  headers: z.record(z.string(), scalar).optional(),
  queries: z.record(z.string(), scalar).optional(),
  body: z.unknown().optional(),
  authentication: z.unknown().optional(),
  /** Patchbay: follow 3xx answers (default true); every hop is checked by the egress rules. */
  followRedirects: z.boolean().optional(),
});

export type HttpAuthentication =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'raw'; value: string }
  | { kind: 'clientCertificate'; pfx: string; password?: string };

export interface HttpInputs {
  method: string;
  uri: string;
  headers: Record<string, string>;
  queries: Record<string, string>;
  body: unknown;
  authentication?: HttpAuthentication;
  followRedirects: boolean;
}

export type HttpInputsResult =
  { ok: true; inputs: HttpInputs } | { ok: false; unsupportedAuthentication?: string; problems: string[] };

function authenticationOf(
  value: unknown,
): HttpAuthentication | { unsupported: string } | { problem: string } | undefined {
  if (value === undefined || value === null) return undefined;
  const basic = basicAuthentication.safeParse(value);
  if (basic.success) return { kind: 'basic', username: basic.data.username, password: basic.data.password };
  const raw = rawAuthentication.safeParse(value);
  if (raw.success) return { kind: 'raw', value: raw.data.value };
  const certificate = clientCertificateAuthentication.safeParse(value);
  if (certificate.success) {
    const { pfx, password } = certificate.data;
    return password === undefined
      ? { kind: 'clientCertificate', pfx }
      : { kind: 'clientCertificate', pfx, password };
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type === 'string' && UNSUPPORTED_AUTHENTICATION.test(type)) return { unsupported: type };
  return {
    problem:
      "authentication: expected { type: 'Basic', username, password }, { type: 'Raw', value } or { type: 'ClientCertificate', pfx, password? }",
  };
}

/** Validates the inputs of one Http action. Problems name the field, never its value (it may be a secret). */
export function parseHttpInputs(value: unknown): HttpInputsResult {
  const parsed = httpInputsSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'inputs'}: ${i.message}`),
    };
  }
  const authentication = authenticationOf(parsed.data.authentication);
  if (authentication !== undefined && 'unsupported' in authentication) {
    return { ok: false, unsupportedAuthentication: authentication.unsupported, problems: [] };
  }
  if (authentication !== undefined && 'problem' in authentication)
    return { ok: false, problems: [authentication.problem] };
  const inputs: HttpInputs = {
    method: parsed.data.method,
    uri: parsed.data.uri,
    headers: parsed.data.headers ?? {},
    queries: parsed.data.queries ?? {},
    body: parsed.data.body,
    followRedirects: parsed.data.followRedirects ?? true,
  };
  if (authentication !== undefined) inputs.authentication = authentication;
  return { ok: true, inputs };
}
