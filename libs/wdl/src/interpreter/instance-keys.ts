/** Keys of action instances and frames inside the run state. */

/** `Name` at top level, `Name[0,2]` inside loops (iteration indexes outermost first). */
export function instanceKey(name: string, path: readonly number[]): string {
  return path.length === 0 ? name : `${name}[${path.join(',')}]`;
}

export const ROOT_FRAME = '$root';

/** Frame of a control action's branch: `Loop[0]>actions#3` (iteration 3 of the loop's body). */
export function frameId(
  ownerKey: string,
  ownerName: string,
  containerId: string,
  loopIndex?: number,
): string {
  const branch = containerId.startsWith(`${ownerName}/`)
    ? containerId.slice(ownerName.length + 1)
    : containerId;
  return `${ownerKey}>${branch}${loopIndex === undefined ? '' : `#${loopIndex}`}`;
}

const FINAL = new Set(['Succeeded', 'Failed', 'Skipped', 'TimedOut', 'Cancelled']);

export function isFinalStatus(status: string): boolean {
  return FINAL.has(status);
}
