import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Infrastructure } from '@patchbay/testkit';
import { SIGNING_KEY } from './trigger-ingestion.harness.js';

const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

/** A trigger-ingestion replica in its own process, so a test can SIGKILL it like a crashed pod. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  constructor(
    private readonly infra: Infrastructure,
    private readonly env: Record<string, string> = {},
  ) {}

  start(): void {
    this.child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        KAFKA_BROKERS: this.infra.kafkaBrokers.join(','),
        DATABASE_URL: this.infra.databaseUrl,
        PATCHBAY_HTTP_PORT: '0',
        PATCHBAY_WEBHOOK_SIGNING_KEY: SIGNING_KEY,
        LOG_LEVEL: 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const child = this.child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Kills the replica without any chance to clean up. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    this.child?.kill('SIGTERM');
    await this.exited;
  }
}
