/** One row of the culture tables (culture-data.ts, culture-data-more.ts). */
export interface CultureOverrides {
  readonly decimal: string;
  readonly group: string;
  readonly currencySymbol: string;
  readonly currencyDigits: number;
  readonly currencyPositive: number;
  readonly currencyNegative: number;
  readonly shortDate: string;
  readonly longDate: string;
  readonly shortTime: string;
  readonly longTime: string;
  readonly monthDay: string;
  readonly yearMonth: string;
  readonly am: string;
  readonly pm: string;
}
