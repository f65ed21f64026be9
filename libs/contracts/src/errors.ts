/** A message or payload does not match its contract. Never retryable: the same bytes fail the same way. */
export class ContractViolationError extends Error {
  readonly code = 'CONTRACT_VIOLATION';
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolationError';
  }
}
