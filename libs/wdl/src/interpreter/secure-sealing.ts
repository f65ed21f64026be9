/**
 * Sealing of secure values in the stored run state. The interpreter keeps secure values (secureString and
 * secureObject parameters, secured action inputs/outputs, secured trigger outputs) because later actions read
 * them; with a {@link SecureValueSealer} they are kept as `{"$sealed": "<text>"}` envelopes that only the
 * caller can open (for example AES-GCM with a key the orchestrator holds). The library does no I/O and no
 * cryptography itself: the caller's sealer does, synchronously.
 */
import { WdlInterpreterError } from './interpreter-errors.js';
import type { ActionResult } from './run-state.js';

/** Turns secure values into text safe to store and back. Both calls are synchronous. */
export interface SecureValueSealer {
  /** Text that stands for `value` in the stored state. May differ on every call (random IVs are fine). */
  seal(value: unknown): string;
  /** The value that `seal` was given. Throw to refuse (unknown key, tampered text). */
  unseal(sealed: string): unknown;
}

/** A sealed secure value as it sits in the run state. */
export interface SealedValue {
  $sealed: string;
}

export function isSealedValue(value: unknown): value is SealedValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$sealed' && typeof (value as SealedValue).$sealed === 'string';
}

/** One step's view of the sealer: seals on write, unseals on read (each sealed text at most once). */
export class SecureValues {
  private readonly opened = new Map<string, unknown>();

  constructor(private readonly sealer: SecureValueSealer | undefined) {}

  get sealing(): boolean {
    return this.sealer !== undefined;
  }

  /** The value to store: sealed when there is a sealer, as is otherwise. */
  seal(value: unknown): unknown {
    if (this.sealer === undefined || value === undefined || isSealedValue(value)) return value;
    return { $sealed: this.sealer.seal(value) };
  }

  /** The value to use: unsealed when it is sealed. */
  open(value: unknown): unknown {
    if (!isSealedValue(value)) return value;
    if (this.opened.has(value.$sealed)) return this.opened.get(value.$sealed);
    if (this.sealer === undefined)
      throw new WdlInterpreterError('SealerRequired', 'The run state holds sealed values: pass the sealer.');
    let plain: unknown;
    try {
      plain = this.sealer.unseal(value.$sealed);
    } catch {
      // The sealer's own message is not passed on: it may describe the secret or the key.
      throw new WdlInterpreterError(
        'UnsealFailed',
        'A sealed secure value of the run could not be unsealed.',
      );
    }
    this.opened.set(value.$sealed, plain);
    return plain;
  }

  /** An action result with its inputs and outputs unsealed (the same object when nothing is sealed). */
  openResult(result: ActionResult): ActionResult;
  openResult(result: ActionResult | undefined): ActionResult | undefined;
  openResult(result: ActionResult | undefined): ActionResult | undefined {
    if (result === undefined || (!isSealedValue(result.inputs) && !isSealedValue(result.outputs)))
      return result;
    const copy: ActionResult = { ...result };
    if ('inputs' in copy) copy.inputs = this.open(copy.inputs);
    if ('outputs' in copy) copy.outputs = this.open(copy.outputs);
    return copy;
  }
}
