import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import {
  ConnectorError,
  ConnectorErrorCode,
  defineAction,
  defineConnector,
  type ConnectorDeclaration,
  type OperationContext,
} from '@patchbay/connector-sdk';

interface Attachment {
  name: string;
  /** base64 */
  content: string;
  contentType?: string;
}

interface SendEmailInputs {
  from: string;
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  replyTo?: string;
  subject: string;
  body?: string;
  isHtml: boolean;
  importance: 'Low' | 'Normal' | 'High';
  attachments: Attachment[];
}

const addresses = {
  anyOf: [
    { type: 'string', minLength: 3 },
    { type: 'array', minItems: 1, items: { type: 'string', minLength: 3 } },
  ],
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Logic Apps writes lists as `a@x; b@y`; nodemailer takes arrays. */
function list(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : value.split(/[;,]/)).map((a) => a.trim()).filter((a) => a !== '');
}

function smtpFailure(error: unknown, context: OperationContext): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  if (context.signal.aborted)
    return new ConnectorError(ConnectorErrorCode.TimedOut, 'the SMTP server did not finish in time', true);
  if (code === 'EAUTH') {
    context.credentialsRejected();
    return new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      'the SMTP server refused the credentials',
      false,
    );
  }
  if (typeof responseCode === 'number')
    return new ConnectorError(
      'SmtpRejected',
      `the SMTP server answered ${responseCode}: ${message}`,
      responseCode < 500,
    );
  if (code === 'EENVELOPE' || code === 'EMESSAGE')
    return new ConnectorError('SmtpRejected', `the message was refused: ${message}`, false);
  return new ConnectorError(
    ConnectorErrorCode.TargetUnreachable,
    `SMTP failed: ${typeof code === 'string' ? code : message}`,
    true,
  );
}

/**
 * Runs `work` with a nodemailer transport connected to the address egress allowed (TLS checks the name),
 * bounded by the attempt's deadline and signal; the transport is always closed.
 */
async function withTransport<T>(
  context: OperationContext,
  work: (transport: Transporter) => Promise<T>,
): Promise<T> {
  const connection = context.connection;
  const host = text(connection?.parameters.serverAddress);
  if (connection === undefined || host === undefined)
    throw new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      'the SMTP connector needs a connection with serverAddress',
      false,
    );
  const port = Number(connection.parameters.port ?? 587);
  const secure = connection.parameters.enableSSL === true;
  const username = text(connection.parameters.username);
  const budget = Math.max(1, Math.floor(context.deadline - Date.now()));
  let transport: Transporter | undefined;
  const abort = () => transport?.close();
  context.signal.addEventListener('abort', abort, { once: true });
  try {
    const checked = await context.network.resolve(host, port);
    transport = nodemailer.createTransport({
      host: checked.address,
      port,
      secure,
      tls: { servername: host },
      connectionTimeout: budget,
      greetingTimeout: budget,
      socketTimeout: budget,
      ...(username === undefined
        ? {}
        : { auth: { user: username, pass: connection.secrets.password ?? '' } }),
    });
    return await work(transport);
  } catch (error) {
    throw smtpFailure(error, context);
  } finally {
    context.signal.removeEventListener('abort', abort);
    transport?.close();
  }
}

/**
 * Built-in SMTP connector (`/serviceProviders/Smtp`, operation `sendEmail`) with nodemailer: to/cc/bcc,
 * text or HTML, importance, base64 attachments. The Message-ID is derived from the idempotency key, so a
 * retried attempt sends a message receivers can recognise as the same one.
 */
export function smtpConnector(timeoutMs: number): ConnectorDeclaration {
  return defineConnector({
    id: 'smtp',
    version: '1.0.0',
    kind: 'builtin',
    display: { name: 'SMTP', description: 'Send email through an SMTP server.', category: 'Communication' },
    serviceProviderId: '/serviceProviders/Smtp',
    connection: 'required',
    connectionParameters: [
      { name: 'serverAddress', type: 'string', secret: false, required: true, displayName: 'Server address' },
      { name: 'port', type: 'int', secret: false, required: false, displayName: 'Port', default: 587 },
      {
        name: 'enableSSL',
        type: 'bool',
        secret: false,
        required: false,
        displayName: 'TLS from the start (port 465)',
        default: false,
      },
      { name: 'username', type: 'string', secret: false, required: false, displayName: 'User name' },
      { name: 'password', type: 'string', secret: true, required: false, displayName: 'Password' },
    ],
    authTypes: [{ type: 'basic' }, { type: 'none' }],
    timeoutMs,
    /** Connects, says EHLO, starts TLS when offered and logs in: nothing is sent. */
    async testConnection(context) {
      await withTransport(context, (transport) => transport.verify());
    },
    actions: [
      defineAction<SendEmailInputs, { messageId: string; accepted: string[]; rejected: string[] }>({
        kind: 'action',
        id: 'sendEmail',
        display: { summary: 'Send an email' },
        inputSchema: {
          type: 'object',
          required: ['from', 'to', 'subject'],
          additionalProperties: false,
          properties: {
            from: { type: 'string', minLength: 3 },
            to: addresses,
            cc: addresses,
            bcc: addresses,
            replyTo: { type: 'string' },
            subject: { type: 'string' },
            body: { type: 'string' },
            isHtml: { type: 'boolean', default: false },
            importance: { enum: ['Low', 'Normal', 'High'], default: 'Normal' },
            attachments: {
              type: 'array',
              default: [],
              items: {
                type: 'object',
                required: ['name', 'content'],
                additionalProperties: false,
                properties: {
                  name: { type: 'string', minLength: 1 },
                  content: { type: 'string', contentEncoding: 'base64', pattern: '^[A-Za-z0-9+/]*={0,2}$' },
                  contentType: { type: 'string' },
                },
              },
            },
          },
        },
        async execute(context, inputs) {
          return withTransport(context, async (transport) => {
            const messageId = `<${createHash('sha256').update(context.idempotencyKey).digest('hex').slice(0, 32)}@patchbay>`;
            const cc = list(inputs.cc);
            const bcc = list(inputs.bcc);
            const info = (await transport.sendMail({
              from: inputs.from,
              to: list(inputs.to),
              ...(cc === undefined ? {} : { cc }),
              ...(bcc === undefined ? {} : { bcc }),
              ...(inputs.replyTo === undefined ? {} : { replyTo: inputs.replyTo }),
              subject: inputs.subject,
              ...(inputs.isHtml ? { html: inputs.body ?? '' } : { text: inputs.body ?? '' }),
              priority:
                inputs.importance === 'High' ? 'high' : inputs.importance === 'Low' ? 'low' : 'normal',
              messageId,
              attachments: inputs.attachments.map((a) => ({
                filename: a.name,
                content: Buffer.from(a.content, 'base64'),
                ...(a.contentType === undefined ? {} : { contentType: a.contentType }),
              })),
            })) as { messageId: string; accepted: unknown[]; rejected: unknown[] };
            return {
              body: {
                messageId: info.messageId,
                accepted: info.accepted.map(String),
                rejected: info.rejected.map(String),
              },
            };
          });
        },
      }),
    ],
    triggers: [],
  });
}
