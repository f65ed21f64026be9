/** .NET `TimeSpan.ToString()` ("c" format): `[-][d.]hh:mm:ss[.fffffff]`, from a count of 100 ns ticks. */
export function formatTimeSpan(ticks: bigint): string {
  const negative = ticks < 0n;
  let rest = negative ? -ticks : ticks;
  const fraction = rest % 10_000_000n;
  rest /= 10_000_000n;
  const seconds = rest % 60n;
  rest /= 60n;
  const minutes = rest % 60n;
  rest /= 60n;
  const hours = rest % 24n;
  const days = rest / 24n;
  const pad = (value: bigint, width: number): string => value.toString().padStart(width, '0');
  return (
    (negative ? '-' : '') +
    (days > 0n ? `${days}.` : '') +
    `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}` +
    (fraction > 0n ? `.${pad(fraction, 7)}` : '')
  );
}
