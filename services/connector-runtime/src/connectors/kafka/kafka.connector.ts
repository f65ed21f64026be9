import { Kafka, logLevel, type ISocketFactory, type SASLOptions } from 'kafkajs';
import {
  ConnectorError,
  ConnectorErrorCode,
  defineAction,
  defineConnector,
  type ConnectorDeclaration,
  type OperationContext,
} from '@patchbay/connector-sdk';
import { checkedSocketFactory } from '@patchbay/egress';

interface SendMessageInputs {
  topic: string;
  key?: string;
  value: unknown;
  headers?: Record<string, string>;
  partition?: number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Every broker connection (the bootstrap list and the brokers metadata names later) goes through the
 * egress check: the socket is handed to kafkajs at once and connects when the check has allowed the address.
 */
function egressCheckedSockets(context: OperationContext, denied: { error?: ConnectorError }): ISocketFactory {
  return checkedSocketFactory(
    (host, port) => context.network.resolve(host, port),
    (error) => {
      // kafkajs keeps only the message of a socket error: remember the typed one for the action's outcome.
      if (error instanceof ConnectorError) denied.error = error;
    },
  );
}

function saslOf(connection: NonNullable<OperationContext['connection']>): SASLOptions | undefined {
  const mechanism = text(connection.parameters.saslMechanism);
  if (mechanism === undefined) return undefined;
  const username = text(connection.parameters.username) ?? '';
  const password = connection.secrets.password ?? '';
  if (mechanism === 'plain') return { mechanism, username, password };
  if (mechanism === 'scram-sha-256' || mechanism === 'scram-sha-512')
    return { mechanism, username, password };
  throw new ConnectorError(
    ConnectorErrorCode.ConnectionUnusable,
    `saslMechanism '${mechanism}' is not supported (plain, scram-sha-256, scram-sha-512)`,
    false,
  );
}

/** A kafkajs client on the connection's brokers through egress-checked sockets, bounded by the attempt. */
function kafkaClientOf(context: OperationContext): { kafka: Kafka; denied: { error?: ConnectorError } } {
  const connection = context.connection;
  const brokers = text(connection?.parameters.brokers)
    ?.split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (connection === undefined || brokers === undefined || brokers.length === 0)
    throw new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      'the Kafka connector needs a connection with brokers',
      false,
    );
  const budget = Math.max(1_000, Math.floor(context.deadline - Date.now()));
  const sasl = saslOf(connection);
  const denied: { error?: ConnectorError } = {};
  const kafka = new Kafka({
    clientId: 'patchbay-connector',
    brokers,
    socketFactory: egressCheckedSockets(context, denied),
    connectionTimeout: Math.min(budget, 10_000),
    requestTimeout: budget,
    retry: { retries: 2 },
    logLevel: logLevel.NOTHING,
    ...(sasl === undefined ? {} : { sasl }),
  });
  return { kafka, denied };
}

/** Connects an admin client and reads the cluster's brokers: reachable, and the SASL login (if any) works. */
async function testKafkaConnection(context: OperationContext): Promise<void> {
  const { kafka, denied } = kafkaClientOf(context);
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    if (denied.error !== undefined) throw denied.error;
    if ((error as { type?: unknown }).type === 'SASL_AUTHENTICATION_FAILED')
      throw new ConnectorError(
        ConnectorErrorCode.ConnectionUnusable,
        'Kafka refused the SASL credentials',
        false,
      );
    throw new ConnectorError(
      ConnectorErrorCode.TargetUnreachable,
      `Kafka is not reachable: ${error instanceof Error ? error.message : String(error)}`,
      true,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Built-in Kafka connector (`/serviceProviders/kafka`, operation `sendMessage`): one message with kafkajs,
 * acks from all in-sync replicas, an idempotent producer. Plaintext and SASL over plaintext; TLS to brokers is
 * not supported yet (the egress-checked socket factory is plain TCP).
 */
export function kafkaConnector(timeoutMs: number): ConnectorDeclaration {
  return defineConnector({
    id: 'kafka',
    version: '1.0.0',
    kind: 'builtin',
    display: { name: 'Kafka', description: 'Send messages to Apache Kafka topics.', category: 'Messaging' },
    serviceProviderId: '/serviceProviders/kafka',
    connection: 'required',
    connectionParameters: [
      {
        name: 'brokers',
        type: 'string',
        secret: false,
        required: true,
        displayName: 'Bootstrap servers (host:port, comma-separated)',
      },
      {
        name: 'saslMechanism',
        type: 'string',
        secret: false,
        required: false,
        displayName: 'SASL mechanism',
        allowedValues: ['plain', 'scram-sha-256', 'scram-sha-512'],
      },
      { name: 'username', type: 'string', secret: false, required: false, displayName: 'SASL user name' },
      { name: 'password', type: 'string', secret: true, required: false, displayName: 'SASL password' },
    ],
    authTypes: [{ type: 'none' }, { type: 'basic', displayName: 'SASL' }],
    timeoutMs,
    testConnection: testKafkaConnection,
    actions: [
      defineAction<SendMessageInputs, { topic: string; partition: number; offset: string }>({
        kind: 'action',
        id: 'sendMessage',
        display: { summary: 'Send a message' },
        inputSchema: {
          type: 'object',
          required: ['topic', 'value'],
          additionalProperties: false,
          properties: {
            topic: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,249}$' },
            key: { type: 'string' },
            value: {},
            headers: { type: 'object', additionalProperties: { type: 'string' } },
            partition: { type: 'integer', minimum: 0 },
          },
        },
        async execute(context, inputs) {
          const { kafka, denied } = kafkaClientOf(context);
          const producer = kafka.producer({
            idempotent: true,
            maxInFlightRequests: 1,
            allowAutoTopicCreation: false,
          });
          const abort = () => void producer.disconnect().catch(() => undefined);
          context.signal.addEventListener('abort', abort, { once: true });
          try {
            await producer.connect();
            const value = typeof inputs.value === 'string' ? inputs.value : JSON.stringify(inputs.value);
            const headers = { ...(inputs.headers ?? {}), 'patchbay-idempotency-key': context.idempotencyKey };
            const [meta] = await producer.send({
              topic: inputs.topic,
              acks: -1,
              messages: [
                {
                  value,
                  headers,
                  ...(inputs.key === undefined ? {} : { key: inputs.key }),
                  ...(inputs.partition === undefined ? {} : { partition: inputs.partition }),
                },
              ],
            });
            return {
              body: { topic: inputs.topic, partition: meta?.partition ?? -1, offset: meta?.baseOffset ?? '' },
            };
          } catch (error) {
            if (error instanceof ConnectorError) throw error;
            if (denied.error !== undefined) throw denied.error;
            const cause = (error as { cause?: unknown }).cause;
            if (cause instanceof ConnectorError) throw cause;
            if (context.signal.aborted)
              throw new ConnectorError(
                ConnectorErrorCode.TimedOut,
                'Kafka did not acknowledge in time',
                true,
              );
            const type = (error as { type?: unknown }).type;
            const retriable = (error as { retriable?: unknown }).retriable === true;
            const message = error instanceof Error ? error.message : String(error);
            if (type === 'SASL_AUTHENTICATION_FAILED') {
              context.credentialsRejected();
              throw new ConnectorError(
                ConnectorErrorCode.ConnectionUnusable,
                'Kafka refused the SASL credentials',
                false,
              );
            }
            throw new ConnectorError(
              'KafkaSendFailed',
              `sending to ${inputs.topic} failed: ${typeof type === 'string' ? type : message}`,
              retriable || type === undefined,
            );
          } finally {
            context.signal.removeEventListener('abort', abort);
            await producer.disconnect().catch(() => undefined);
          }
        },
      }),
    ],
    triggers: [],
  });
}
