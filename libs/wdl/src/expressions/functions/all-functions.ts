import type { FunctionDefinition } from '../runtime/function-definition.js';
import { COLLECTION_FUNCTIONS } from './collection-functions.js';
import { CONVERSION_FUNCTIONS } from './conversion-functions.js';
import { DATE_FUNCTIONS } from './date-functions.js';
import { ENCODING_FUNCTIONS } from './encoding-functions.js';
import { FORMAT_FUNCTIONS } from './format-functions.js';
import { LOGICAL_FUNCTIONS } from './logical-functions.js';
import { MANIPULATION_FUNCTIONS } from './manipulation-functions.js';
import { MATH_FUNCTIONS } from './math-functions.js';
import { STRING_FUNCTIONS } from './string-functions.js';
import { URI_FUNCTIONS } from './uri-functions.js';
import { WORKFLOW_FUNCTIONS } from './workflow-functions.js';
import { XML_FUNCTIONS } from './xml-functions.js';

/** Every function of the Logic Apps expression reference, plus the older `actionBody`/`actionOutputs` names. */
export const ALL_FUNCTIONS: readonly FunctionDefinition[] = [
  ...STRING_FUNCTIONS,
  ...FORMAT_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...LOGICAL_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...WORKFLOW_FUNCTIONS,
  ...URI_FUNCTIONS,
  ...MANIPULATION_FUNCTIONS,
  ...XML_FUNCTIONS,
];
