/**
 * .NET culture settings that Intl cannot give: the standard date/time patterns (`d`, `D`, `t`, `T`, `M`, `Y`)
 * and the currency layout. Values follow what .NET reports for these cultures; names of months and days
 * come from Intl. Cultures not listed here are derived from Intl (see cultures.ts).
 *
 * Currency patterns are the .NET `CurrencyPositivePattern` (0 `$n`, 1 `n$`, 2 `$ n`, 3 `n $`) and
 * `CurrencyNegativePattern` (0 `($n)`, 1 `-$n`, 2 `$-n`, 5 `-n$`, 8 `-n $`, 9 `-$ n`, 12 `$ -n`, ...) numbers.
 */
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

const NBSP = '\u00a0';

export const CULTURE_DATA: Readonly<Record<string, CultureOverrides>> = {
  'en-us': {
    decimal: '.', group: ',', currencySymbol: '$', currencyDigits: 2, currencyPositive: 0, currencyNegative: 1,
    shortDate: 'M/d/yyyy', longDate: 'dddd, MMMM d, yyyy', shortTime: 'h:mm tt', longTime: 'h:mm:ss tt',
    monthDay: 'MMMM d', yearMonth: 'MMMM yyyy', am: 'AM', pm: 'PM',
  },
  'en-gb': {
    decimal: '.', group: ',', currencySymbol: '£', currencyDigits: 2, currencyPositive: 0, currencyNegative: 1,
    shortDate: 'dd/MM/yyyy', longDate: 'dd MMMM yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: 'd MMMM', yearMonth: 'MMMM yyyy', am: 'am', pm: 'pm',
  },
  'en-au': {
    decimal: '.', group: ',', currencySymbol: '$', currencyDigits: 2, currencyPositive: 0, currencyNegative: 1,
    shortDate: 'd/MM/yyyy', longDate: 'dddd, d MMMM yyyy', shortTime: 'h:mm tt', longTime: 'h:mm:ss tt',
    monthDay: 'd MMMM', yearMonth: 'MMMM yyyy', am: 'AM', pm: 'PM',
  },
  'en-ca': {
    decimal: '.', group: ',', currencySymbol: '$', currencyDigits: 2, currencyPositive: 0, currencyNegative: 1,
    shortDate: 'yyyy-MM-dd', longDate: 'MMMM d, yyyy', shortTime: 'h:mm tt', longTime: 'h:mm:ss tt',
    monthDay: 'MMMM d', yearMonth: 'MMMM, yyyy', am: 'a.m.', pm: 'p.m.',
  },
  'fr-fr': {
    decimal: ',', group: NBSP, currencySymbol: '€', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'dd/MM/yyyy', longDate: 'dddd d MMMM yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: 'd MMMM', yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'fr-ca': {
    decimal: ',', group: NBSP, currencySymbol: '$', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'yyyy-MM-dd', longDate: "d MMMM yyyy", shortTime: "HH 'h' mm", longTime: "HH 'h' mm 'min' ss 's'",
    monthDay: 'd MMMM', yearMonth: 'MMMM yyyy', am: 'a.m.', pm: 'p.m.',
  },
  'de-de': {
    decimal: ',', group: '.', currencySymbol: '€', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'dd.MM.yyyy', longDate: 'dddd, d. MMMM yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: 'd. MMMM', yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'de-ch': {
    decimal: '.', group: '’', currencySymbol: 'CHF', currencyDigits: 2, currencyPositive: 2, currencyNegative: 2,
    shortDate: 'dd.MM.yyyy', longDate: 'dddd, d. MMMM yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: 'd. MMMM', yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'es-es': {
    decimal: ',', group: '.', currencySymbol: '€', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'dd/MM/yyyy', longDate: "dddd, d 'de' MMMM 'de' yyyy", shortTime: 'H:mm', longTime: 'H:mm:ss',
    monthDay: "d 'de' MMMM", yearMonth: "MMMM 'de' yyyy", am: 'a. m.', pm: 'p. m.',
  },
  'es-mx': {
    decimal: '.', group: ',', currencySymbol: '$', currencyDigits: 2, currencyPositive: 0, currencyNegative: 1,
    shortDate: 'dd/MM/yyyy', longDate: "dddd, d 'de' MMMM 'de' yyyy", shortTime: 'hh:mm tt', longTime: 'hh:mm:ss tt',
    monthDay: "d 'de' MMMM", yearMonth: "MMMM 'de' yyyy", am: 'a. m.', pm: 'p. m.',
  },
  'it-it': {
    decimal: ',', group: '.', currencySymbol: '€', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'dd/MM/yyyy', longDate: 'dddd d MMMM yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: 'd MMMM', yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'nl-nl': {
    decimal: ',', group: '.', currencySymbol: '€', currencyDigits: 2, currencyPositive: 2, currencyNegative: 12,
    shortDate: 'd-M-yyyy', longDate: 'dddd d MMMM yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: 'd MMMM', yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'pt-br': {
    decimal: ',', group: '.', currencySymbol: 'R$', currencyDigits: 2, currencyPositive: 2, currencyNegative: 9,
    shortDate: 'dd/MM/yyyy', longDate: "dddd, d 'de' MMMM 'de' yyyy", shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: "d 'de' MMMM", yearMonth: "MMMM 'de' yyyy", am: '', pm: '',
  },
  'pt-pt': {
    decimal: ',', group: NBSP, currencySymbol: '€', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'dd/MM/yyyy', longDate: "dddd, d 'de' MMMM 'de' yyyy", shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: "d 'de' MMMM", yearMonth: "MMMM 'de' yyyy", am: '', pm: '',
  },
  'is-is': {
    decimal: ',', group: '.', currencySymbol: 'kr', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'd.M.yyyy', longDate: 'dddd, d. MMMM yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: 'd. MMMM', yearMonth: 'MMMM yyyy', am: 'f.h.', pm: 'e.h.',
  },
  'sv-se': {
    decimal: ',', group: NBSP, currencySymbol: 'kr', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'yyyy-MM-dd', longDate: "dddd 'den' d MMMM yyyy", shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: "d MMMM", yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'da-dk': {
    decimal: ',', group: '.', currencySymbol: 'kr.', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'dd-MM-yyyy', longDate: "dddd 'den' d. MMMM yyyy", shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: 'd. MMMM', yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'nb-no': {
    decimal: ',', group: NBSP, currencySymbol: 'kr', currencyDigits: 2, currencyPositive: 2, currencyNegative: 12,
    shortDate: 'dd.MM.yyyy', longDate: 'dddd d. MMMM yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: 'd. MMMM', yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'fi-fi': {
    decimal: ',', group: NBSP, currencySymbol: '€', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'd.M.yyyy', longDate: 'dddd d. MMMM yyyy', shortTime: 'H:mm', longTime: 'H:mm:ss',
    monthDay: 'd. MMMM', yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'pl-pl': {
    decimal: ',', group: NBSP, currencySymbol: 'zł', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'dd.MM.yyyy', longDate: 'dddd, d MMMM yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss',
    monthDay: 'd MMMM', yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'ru-ru': {
    decimal: ',', group: NBSP, currencySymbol: '₽', currencyDigits: 2, currencyPositive: 3, currencyNegative: 8,
    shortDate: 'dd.MM.yyyy', longDate: "d MMMM yyyy 'г.'", shortTime: 'H:mm', longTime: 'H:mm:ss',
    monthDay: 'd MMMM', yearMonth: 'MMMM yyyy', am: '', pm: '',
  },
  'ja-jp': {
    decimal: '.', group: ',', currencySymbol: '¥', currencyDigits: 0, currencyPositive: 0, currencyNegative: 1,
    shortDate: 'yyyy/MM/dd', longDate: "yyyy'年'M'月'd'日'", shortTime: 'H:mm', longTime: 'H:mm:ss',
    monthDay: "M'月'd'日'", yearMonth: "yyyy'年'M'月'", am: '午前', pm: '午後',
  },
  'zh-cn': {
    decimal: '.', group: ',', currencySymbol: '¥', currencyDigits: 2, currencyPositive: 0, currencyNegative: 2,
    shortDate: 'yyyy/M/d', longDate: "yyyy'年'M'月'd'日'", shortTime: 'H:mm', longTime: 'H:mm:ss',
    monthDay: "M'月'd'日'", yearMonth: "yyyy'年'M'月'", am: '上午', pm: '下午',
  },
  'ko-kr': {
    decimal: '.', group: ',', currencySymbol: '₩', currencyDigits: 0, currencyPositive: 0, currencyNegative: 1,
    shortDate: 'yyyy-MM-dd', longDate: "yyyy'년' M'월' d'일' dddd", shortTime: 'tt h:mm', longTime: 'tt h:mm:ss',
    monthDay: "M'월' d'일'", yearMonth: "yyyy'년' M'월'", am: '오전', pm: '오후',
  },
};

/** Currency symbol by region, for cultures derived from Intl (Intl needs the currency code to format). */
export const REGION_CURRENCY: Readonly<Record<string, string>> = {
  US: 'USD', GB: 'GBP', IE: 'EUR', FR: 'EUR', DE: 'EUR', AT: 'EUR', BE: 'EUR', NL: 'EUR', LU: 'EUR', IT: 'EUR',
  ES: 'EUR', PT: 'EUR', FI: 'EUR', GR: 'EUR', SK: 'EUR', SI: 'EUR', EE: 'EUR', LV: 'EUR', LT: 'EUR', MT: 'EUR',
  CY: 'EUR', HR: 'EUR', CH: 'CHF', LI: 'CHF', IS: 'ISK', SE: 'SEK', NO: 'NOK', DK: 'DKK', PL: 'PLN', CZ: 'CZK',
  HU: 'HUF', RO: 'RON', BG: 'BGN', RU: 'RUB', UA: 'UAH', TR: 'TRY', IL: 'ILS', AE: 'AED', SA: 'SAR', EG: 'EGP',
  ZA: 'ZAR', NG: 'NGN', KE: 'KES', IN: 'INR', PK: 'PKR', CN: 'CNY', HK: 'HKD', TW: 'TWD', JP: 'JPY', KR: 'KRW',
  SG: 'SGD', MY: 'MYR', TH: 'THB', ID: 'IDR', PH: 'PHP', VN: 'VND', AU: 'AUD', NZ: 'NZD', CA: 'CAD', MX: 'MXN',
  BR: 'BRL', AR: 'ARS', CL: 'CLP', CO: 'COP', PE: 'PEN',
};
