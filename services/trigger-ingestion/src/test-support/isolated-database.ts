/** Kept for the specs that import it from here: the helper lives in @patchbay/testkit. */
export { isolatedDatabase, type IsolatedDatabase } from '@patchbay/testkit';
