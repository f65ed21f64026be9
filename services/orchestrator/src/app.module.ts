import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { SecureValueSealer } from '@patchbay/wdl';
import {
  ensureSchema,
  EventPublisher,
  kafkaReadinessProvider,
  ObservabilityModule,
  postgresReadinessProvider,
  typeormOptions,
} from '@patchbay/platform';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from './config/orchestrator.config.js';
import {
  ORCHESTRATOR_ENTITIES,
  ORCHESTRATOR_MIGRATIONS,
  ORCHESTRATOR_SCHEMA,
} from './persistence/orchestrator.entities.js';
import { OutboxWriter } from './outbox/outbox.writer.js';
import { OutboxRelay } from './outbox/outbox.relay.js';
import { WorkflowsController } from './workflows/workflows.controller.js';
import { WorkflowsService } from './workflows/workflows.service.js';
import { RunCoordinator } from './runs/run-coordinator.service.js';
import { RunEventsHandler } from './runs/run-events.handler.js';
import { RunTimerScanner } from './runs/run-timer.scanner.js';
import { RunDeadlineSweeper } from './runs/run-deadline.sweeper.js';
import { RunsController } from './runs/runs.controller.js';
import { RUN_ENGINE, type RunEngine } from './engine/run-engine.port.js';
import { DefinitionCache } from './engine/definition-cache.js';
import { KAFKA, LOGGER, STATE_SEALER } from './tokens.js';
import { ROUTING_PROVIDERS } from './routing/routing.providers.js';

export interface OrchestratorDeps {
  config: OrchestratorConfig;
  kafka: Kafka;
  publisher: EventPublisher;
  logger: Logger;
  engine: RunEngine;
  /** Seals secure values at rest (run state, secure parameter values). */
  sealer: SecureValueSealer;
}

@Module({})
export class OrchestratorModule {
  static create(deps: OrchestratorDeps): DynamicModule {
    return {
      module: OrchestratorModule,
      imports: [
        ObservabilityModule.forService('orchestrator'),
        TypeOrmModule.forRootAsync({
          // The schema must exist before TypeORM looks for its migrations table in it.
          useFactory: async () => {
            await ensureSchema(deps.config.DATABASE_URL, ORCHESTRATOR_SCHEMA);
            return typeormOptions({
              url: deps.config.DATABASE_URL,
              schema: ORCHESTRATOR_SCHEMA,
              entities: ORCHESTRATOR_ENTITIES,
              migrations: ORCHESTRATOR_MIGRATIONS,
              poolSize: deps.config.DATABASE_POOL_SIZE,
            });
          },
        }),
      ],
      controllers: [WorkflowsController, RunsController, RunEventsHandler],
      providers: [
        { provide: ORCHESTRATOR_CONFIG, useValue: deps.config },
        { provide: KAFKA, useValue: deps.kafka },
        { provide: LOGGER, useValue: deps.logger },
        { provide: EventPublisher, useValue: deps.publisher },
        { provide: RUN_ENGINE, useValue: deps.engine },
        { provide: STATE_SEALER, useValue: deps.sealer },
        { provide: DefinitionCache, useValue: new DefinitionCache(deps.sealer) },
        OutboxWriter,
        OutboxRelay,
        WorkflowsService,
        RunCoordinator,
        RunTimerScanner,
        RunDeadlineSweeper,
        ...ROUTING_PROVIDERS,
        kafkaReadinessProvider(deps.kafka),
        postgresReadinessProvider(),
      ],
    };
  }
}
