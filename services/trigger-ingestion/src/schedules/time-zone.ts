import { IANAZone } from 'luxon';
import { findIana } from 'windows-iana';

/**
 * The IANA zone for a Logic Apps `timeZone`: a Windows id ("W. Europe Standard Time", the form Logic Apps
 * documents) mapped through the CLDR table of `windows-iana` (first entry: the zone's primary location), or an
 * IANA id. `undefined` when neither is known.
 */
export function ianaZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (/^(utc|coordinated universal time|gmt)$/i.test(trimmed)) return 'UTC';
  const fromWindows = findIana(trimmed)[0];
  if (fromWindows !== undefined && IANAZone.isValidZone(fromWindows)) return fromWindows;
  return IANAZone.isValidZone(trimmed) ? trimmed : undefined;
}
