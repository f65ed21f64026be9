import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { ConnectorRegistry, requireAction, type RegisteredAction } from '@patchbay/connector-sdk';
import { operationContext, runAction, testGuard } from '../../test-support/operation-harness.js';
import type { ResolvedConnectionData } from '../../execution/connector.js';
import { smtpConnector } from './smtp.connector.js';

interface Received {
  from: string;
  to: string[];
  mail: ParsedMail;
}

describe('smtp connector against a real SMTP server (smtp-server)', () => {
  let server: SMTPServer;
  let port: number;
  let action: RegisteredAction;
  const received: Received[] = [];
  const guard = testGuard();
  const password = `pw-${process.pid}-${Date.now()}`;

  before(async () => {
    server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'robot' && auth.password === password) callback(null, { user: 'robot' });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (mail) => {
            received.push({
              from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
              to: session.envelope.rcptTo.map((r) => r.address),
              mail,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
    action = requireAction(new ConnectorRegistry().register(smtpConnector(10_000)), 'sendEmail');
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await guard.close();
  });

  const connection = (secret: string): ResolvedConnectionData => ({
    connectionId: 'c-smtp',
    connectionName: 'mail',
    connectorId: 'smtp',
    authType: 'basic',
    parameters: { serverAddress: '127.0.0.1', port, username: 'robot' },
    secrets: { password: secret },
  });

  it('declares a connection test that logs in without sending: refused credentials fail it', async () => {
    const declaration = smtpConnector(10_000);
    const before = received.length;
    await declaration.testConnection!(operationContext(guard, { connection: connection(password) }));
    assert.equal(received.length, before, 'the test sends nothing');
    await assert.rejects(
      declaration.testConnection!(operationContext(guard, { connection: connection('wrong') })),
      (error: unknown) => (error as { code?: string }).code === 'ConnectionUnusable',
    );
  });

  it('sends an email with attachments to to/cc/bcc', async () => {
    const pdf = Buffer.from('%PDF-1.4 not really a pdf');
    const outcome = await runAction(
      action,
      {
        from: 'robot@patchbay.test',
        to: 'ann@example.test; bob@example.test',
        cc: ['carl@example.test'],
        bcc: 'dora@example.test',
        subject: 'Invoice 42',
        body: '<p>See attached.</p>',
        isHtml: true,
        importance: 'High',
        attachments: [
          { name: 'invoice.pdf', content: pdf.toString('base64'), contentType: 'application/pdf' },
          { name: 'notes.txt', content: Buffer.from('line 1\nline 2').toString('base64') },
        ],
      },
      operationContext(guard, { connection: connection(password), idempotencyKey: 'run-1/Send/0' }),
    );
    assert.equal(outcome.status, 'Succeeded', JSON.stringify(outcome.error));
    const body = (outcome.outputs as { body: { messageId: string; accepted: string[] } }).body;
    assert.deepEqual(body.accepted.sort(), [
      'ann@example.test',
      'bob@example.test',
      'carl@example.test',
      'dora@example.test',
    ]);
    const got = received.at(-1)!;
    assert.equal(got.from, 'robot@patchbay.test');
    assert.equal(got.to.length, 4);
    assert.equal(got.mail.subject, 'Invoice 42');
    assert.equal(got.mail.html, '<p>See attached.</p>');
    assert.equal(got.mail.headers.get('priority'), 'high');
    assert.equal(got.mail.messageId, body.messageId);
    assert.deepEqual(
      got.mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString()]),
      [
        ['invoice.pdf', 'application/pdf', pdf.toString()],
        ['notes.txt', 'text/plain', 'line 1\nline 2'],
      ],
    );
  });

  it('the Message-ID follows the idempotency key, so a retried attempt is recognisable', async () => {
    const send = (key: string) =>
      runAction(
        action,
        { from: 'robot@patchbay.test', to: 'ann@example.test', subject: 'once', body: 'x' },
        operationContext(guard, { connection: connection(password), idempotencyKey: key }),
      );
    const first = await send('run-2/Send/0');
    const retry = await send('run-2/Send/0');
    const other = await send('run-3/Send/0');
    const id = (o: typeof first) => (o.outputs as { body: { messageId: string } }).body.messageId;
    assert.equal(id(first), id(retry));
    assert.notEqual(id(first), id(other));
  });

  it('refused credentials fail as ConnectionUnusable without the password in the error', async () => {
    const wrong = `wrong-${password}`;
    let rejected = 0;
    const outcome = await runAction(
      action,
      { from: 'robot@patchbay.test', to: 'ann@example.test', subject: 's' },
      operationContext(guard, { connection: connection(wrong), credentialsRejected: () => rejected++ }),
    );
    assert.equal(outcome.error?.code, 'ConnectionUnusable');
    assert.equal(outcome.error.retryable, false);
    assert.ok(!JSON.stringify(outcome).includes(wrong));
    assert.equal(rejected, 1);
  });

  it('invalid inputs fail before connecting, naming the field', async () => {
    const before = received.length;
    const outcome = await runAction(
      action,
      {
        from: 'robot@patchbay.test',
        to: [],
        subject: 's',
        attachments: [{ name: 'a.bin', content: 'not base64!' }],
      },
      operationContext(guard, { connection: connection(password) }),
    );
    assert.equal(outcome.error?.code, 'InvalidActionInputs');
    assert.match(outcome.error.message, /\/to /);
    assert.match(outcome.error.message, /\/attachments\/0\/content must match pattern/);
    assert.equal(received.length, before);
  });
});
