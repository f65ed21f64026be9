/**
 * @patchbay/wdl: the Azure Logic Apps Workflow Definition Language as a pure library.
 * - expressions: the `@` expression language, parsed once and evaluated many times;
 * - definition: the definition schema and its validator, with JSON paths on every problem;
 * - interpreter: the run interpreter as a pure state machine, `(state, event) -> (state, commands)`.
 */
export * from './expressions/index.js';
export * from './definition/index.js';
export * from './interpreter/index.js';
