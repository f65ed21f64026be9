/**
 * The interpreter's side of the expression contract: an `EvaluationContext` for one frame (the root,
 * a branch, or a loop iteration), optionally with an `item()` override for Query/Select/Table rows.
 */
import type { EvaluationContext } from '../expressions/index.js';
import type { RunSession } from './run-session.js';
import type { ActionResult, FrameState } from './run-state.js';
import { instanceKey } from './instance-keys.js';
import { isSealedValue } from './secure-sealing.js';

interface LoopLevel {
  name: string;
  index: number;
  /** Instance key of the loop action. */
  key: string;
}

export class RunEvaluationContext implements EvaluationContext {
  private loopsCache: LoopLevel[] | undefined;

  constructor(
    private readonly session: RunSession,
    private readonly frame: FrameState,
    private readonly itemOverride?: { value: unknown },
    private readonly currentKey?: string,
    private readonly ownCallbackUrl?: string,
  ) {}

  /** The same context with `item()` bound to a row of a Query/Select/Table. */
  withItem(value: unknown): RunEvaluationContext {
    return new RunEvaluationContext(
      this.session,
      this.frame,
      { value },
      this.currentKey,
      this.ownCallbackUrl,
    );
  }

  /** The same context where `action()` is the given action instance (an Until reading itself). */
  withCurrentAction(instanceKey: string): RunEvaluationContext {
    return new RunEvaluationContext(
      this.session,
      this.frame,
      this.itemOverride,
      instanceKey,
      this.ownCallbackUrl,
    );
  }

  /** The same context where `listCallbackUrl()` is a webhook action instance's own callback URL. */
  withCallbackUrl(url: string): RunEvaluationContext {
    return new RunEvaluationContext(this.session, this.frame, this.itemOverride, this.currentKey, url);
  }

  currentAction(): unknown {
    return this.currentKey === undefined
      ? undefined
      : this.session.secure.openResult(this.session.state.actions[this.currentKey]?.result);
  }

  parameter(name: string): unknown {
    const { parameters } = this.session.state;
    return Object.prototype.hasOwnProperty.call(parameters, name)
      ? this.session.secure.open(parameters[name])
      : undefined;
  }

  variable(name: string): unknown {
    return this.session.state.variables[name.toLowerCase()]?.value;
  }

  trigger(): unknown {
    const trigger = this.session.state.trigger;
    if (!isSealedValue(trigger.outputs) && !isSealedValue(trigger.inputs)) return trigger;
    return {
      ...trigger,
      ...('inputs' in trigger ? { inputs: this.session.secure.open(trigger.inputs) } : {}),
      ...('outputs' in trigger ? { outputs: this.session.secure.open(trigger.outputs) } : {}),
    };
  }

  action(name: string): unknown {
    const key = this.resolveInstance(name);
    return key === undefined
      ? undefined
      : this.session.secure.openResult(this.session.state.actions[key]?.result);
  }

  item(): unknown {
    if (this.itemOverride !== undefined) return this.itemOverride.value;
    const loops = this.loops();
    for (let i = loops.length - 1; i >= 0; i -= 1) {
      const level = loops[i] as LoopLevel;
      const control = this.session.state.actions[level.key]?.control;
      if (control?.kind === 'foreach') return control.items[level.index];
    }
    return undefined;
  }

  items(loopName: string): unknown {
    const level = this.loops().find((l) => l.name === loopName);
    if (level === undefined) return undefined;
    const control = this.session.state.actions[level.key]?.control;
    return control?.kind === 'foreach' ? control.items[level.index] : undefined;
  }

  iterationIndex(loopName: string): number | undefined {
    return this.loops().find((l) => l.name === loopName)?.index;
  }

  workflow(): unknown {
    return this.session.state.workflow;
  }

  result(scopeName: string): unknown[] | undefined {
    const key = this.resolveInstance(scopeName);
    const control = key === undefined ? undefined : this.session.state.actions[key]?.control;
    if (control === undefined) return undefined;
    const results: ActionResult[] = [];
    for (const id of control.frames) {
      const frame = this.session.state.frames[id];
      if (frame === undefined) continue;
      for (const name of this.session.plan.container(frame.container).actions) {
        const instance = this.session.state.actions[instanceKey(name, frame.path)];
        if (instance !== undefined) results.push(this.session.secure.openResult(instance.result));
      }
    }
    return results;
  }

  callbackUrl(): string | undefined {
    return this.ownCallbackUrl ?? this.session.state.callbackUrl;
  }

  now(): Date {
    return new Date(this.session.now);
  }

  newGuid(): string {
    return this.session.newGuid();
  }

  random(): number {
    return this.session.random();
  }

  /**
   * The instance `actions(name)` means here: inside the same loop iteration when the action lives in
   * loops enclosing this frame, otherwise its most recent instance.
   */
  private resolveInstance(name: string): string | undefined {
    const node = this.session.plan.tree.actions.get(name);
    if (node === undefined) return undefined;
    const loops = this.loops();
    if (node.loops.length <= loops.length && node.loops.every((loop, i) => loops[i]?.name === loop)) {
      const key = instanceKey(
        name,
        loops.slice(0, node.loops.length).map((l) => l.index),
      );
      if (this.session.state.actions[key] !== undefined) return key;
    }
    return this.session.state.latest[name];
  }

  /** Loops enclosing this frame, outermost first, with the iteration index of each. */
  private loops(): LoopLevel[] {
    if (this.loopsCache !== undefined) return this.loopsCache;
    const container = this.session.plan.container(this.frame.container);
    const names: string[] = [];
    if (container.owner !== undefined) {
      const owner = this.session.plan.node(container.owner);
      names.push(...owner.loops);
      const type = owner.info?.type;
      if (type === 'Foreach' || type === 'Until') names.push(owner.name);
    }
    const path = this.frame.path;
    this.loopsCache = names.map((name, i) => ({
      name,
      index: path[i] ?? 0,
      key: instanceKey(name, path.slice(0, i)),
    }));
    return this.loopsCache;
  }
}
