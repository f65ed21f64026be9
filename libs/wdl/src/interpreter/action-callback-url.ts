/**
 * How a webhook action gets its callback URL: the interpreter does no I/O and holds no keys, so the host
 * (the orchestrator) makes the URL of each action instance, typically a signed URL of its public endpoint.
 */

/** The webhook action instance a callback URL is for. */
export interface ActionCallbackRef {
  runId: string;
  /**
   * Names the instance in the URL; the interpreter makes it once per instance from the run's deterministic
   * source, so a replay asks for the same id. Echo it in `actionCallback` events.
   */
  callbackId: string;
  actionName: string;
  /** Iteration indexes of the enclosing loops, outermost first. */
  iterationPath: number[];
}

/**
 * The callback URL of one webhook action instance. Called once, when the instance starts (the URL is kept
 * in the run state); it should depend on nothing but its argument, so that replays see the same URL.
 */
export type ActionCallbackUrl = (ref: ActionCallbackRef) => string;
