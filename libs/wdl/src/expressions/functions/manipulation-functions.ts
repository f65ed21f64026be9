import { argObject, argString, valueError } from '../runtime/argument-checks.js';
import { fn, type FunctionDefinition } from '../runtime/function-definition.js';
import { copyObject, defineProperty } from '../values/value-types.js';

export const MANIPULATION_FUNCTIONS: readonly FunctionDefinition[] = [
  fn('addProperty', 3, 3, (args, _ctx, site) => {
    const object = argObject(args, 0, site);
    const name = argString(args, 1, site);
    if (Object.hasOwn(object, name))
      throw valueError(
        site,
        1,
        `The property '${name}' already exists; use setProperty to change its value.`,
      );
    const copy = copyObject(object);
    defineProperty(copy, name, args[2]);
    return copy;
  }),
  fn('setProperty', 3, 3, (args, _ctx, site) => {
    const copy = copyObject(argObject(args, 0, site));
    defineProperty(copy, argString(args, 1, site), args[2]);
    return copy;
  }),
  fn('removeProperty', 2, 2, (args, _ctx, site) => {
    const copy = copyObject(argObject(args, 0, site));
    delete copy[argString(args, 1, site)];
    return copy;
  }),
  fn('coalesce', 1, Infinity, (args) => {
    for (const arg of args) if (arg !== null && arg !== undefined) return arg;
    return null;
  }),
];
