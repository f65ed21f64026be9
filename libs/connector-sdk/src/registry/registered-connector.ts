import type { OperationContext } from '../context/operation-context.js';
import type { ConnectorDeclaration } from '../declaration/connector.declaration.js';
import type { JsonValue } from '../declaration/json-schema.js';
import type {
  ActionDeclaration,
  ActionResult,
  PollingTriggerDeclaration,
  PollResult,
  PushTriggerDeclaration,
} from '../declaration/operation.declaration.js';
import { InvalidInputsError } from '../errors/connector.error.js';
import type { CompiledInputSchema } from '../validation/input-validator.js';

/** Validates a copy of the inputs (defaults filled in) or throws `InvalidInputsError` naming each field. */
function validated(schema: CompiledInputSchema, operation: string, inputs: unknown): unknown {
  const copy = inputs === undefined ? {} : structuredClone(inputs);
  const problems = schema.check(copy);
  if (problems.length > 0) throw new InvalidInputsError(operation, problems);
  return copy;
}

abstract class RegisteredOperation {
  constructor(
    readonly connectorId: string,
    readonly connectorVersion: string,
    protected readonly schema: CompiledInputSchema,
  ) {}

  abstract readonly id: string;

  /** `connector@version/operation`, for messages and logs. */
  get qualifiedName(): string {
    return `${this.connectorId}@${this.connectorVersion}/${this.id}`;
  }

  /** The inputs with defaults applied, or `InvalidInputsError`; run before any network call. */
  validate(inputs: unknown): unknown {
    return validated(this.schema, this.qualifiedName, inputs);
  }
}

export class RegisteredAction extends RegisteredOperation {
  constructor(
    connectorId: string,
    connectorVersion: string,
    schema: CompiledInputSchema,
    readonly declaration: ActionDeclaration,
  ) {
    super(connectorId, connectorVersion, schema);
  }

  get id(): string {
    return this.declaration.id;
  }

  /** Validates, then executes. Throws what the action throws (`ConnectorError` for expected failures). */
  async execute(context: OperationContext, inputs: unknown): Promise<ActionResult> {
    const checked = this.validate(inputs);
    return this.declaration.execute(context, checked);
  }
}

export class RegisteredPollingTrigger extends RegisteredOperation {
  constructor(
    connectorId: string,
    connectorVersion: string,
    schema: CompiledInputSchema,
    readonly declaration: PollingTriggerDeclaration,
  ) {
    super(connectorId, connectorVersion, schema);
  }

  get id(): string {
    return this.declaration.id;
  }

  async poll(context: OperationContext, inputs: unknown, cursor: JsonValue | undefined): Promise<PollResult> {
    const checked = this.validate(inputs);
    return this.declaration.poll(context, checked, cursor);
  }
}

export class RegisteredPushTrigger extends RegisteredOperation {
  constructor(
    connectorId: string,
    connectorVersion: string,
    schema: CompiledInputSchema,
    readonly declaration: PushTriggerDeclaration,
  ) {
    super(connectorId, connectorVersion, schema);
  }

  get id(): string {
    return this.declaration.id;
  }

  async subscribe(context: OperationContext, inputs: unknown, callbackUrl: string): Promise<JsonValue> {
    return this.declaration.subscribe(context, this.validate(inputs), callbackUrl);
  }

  async unsubscribe(context: OperationContext, inputs: unknown, subscription: JsonValue): Promise<void> {
    return this.declaration.unsubscribe(context, this.validate(inputs), subscription);
  }
}

export type RegisteredTrigger = RegisteredPollingTrigger | RegisteredPushTrigger;

/** One version of one connector, with its operations' input schemas compiled. */
export class RegisteredConnector {
  constructor(
    readonly declaration: ConnectorDeclaration,
    private readonly actions: ReadonlyMap<string, RegisteredAction>,
    private readonly triggers: ReadonlyMap<string, RegisteredTrigger>,
  ) {}

  get id(): string {
    return this.declaration.id;
  }

  get version(): string {
    return this.declaration.version;
  }

  action(operationId: string): RegisteredAction | undefined {
    return this.actions.get(operationId);
  }

  trigger(operationId: string): RegisteredTrigger | undefined {
    return this.triggers.get(operationId);
  }

  actionIds(): string[] {
    return [...this.actions.keys()];
  }

  triggerIds(): string[] {
    return [...this.triggers.keys()];
  }
}
