import { describe } from 'node:test';
import { itEvaluates } from '../testing/expression-cases.js';

describe('date and time functions', () => {
  itEvaluates([
    { expression: "@addDays('2018-03-15T00:00:00Z', -5)", expected: '2018-03-10T00:00:00.0000000Z' },
    { expression: "@addDays('0001-01-01', 0)", expected: '0001-01-01T00:00:00.0000000' },
    { expression: "@addDays('9999-12-31T00:00:00Z', 1)", error: 'InvalidArgumentValue' },
    { expression: "@addHours('2018-03-15T15:00:00Z', -5)", expected: '2018-03-15T10:00:00.0000000Z' },
    { expression: "@addMinutes('2018-03-15T00:20:00Z', -5)", expected: '2018-03-15T00:15:00.0000000Z' },
    { expression: "@addSeconds('2018-03-15T00:00:30Z', -5)", expected: '2018-03-15T00:00:25.0000000Z' },
    {
      expression: "@addSeconds('2018-03-15T00:00:00.1234567Z', 1)",
      expected: '2018-03-15T00:00:01.1234567Z',
      why: '100 ns precision is kept',
    },
    { expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Day', 'D')", expected: 'Tuesday, January 2, 2018' },
    {
      expression: "@addToTime('2018-01-31T10:00:00Z', 1, 'Month')",
      expected: '2018-02-28T10:00:00.0000000Z',
      why: 'the day is clamped',
    },
    { expression: "@addToTime('2020-02-29T00:00:00Z', 1, 'Year')", expected: '2021-02-28T00:00:00.0000000Z' },
    { expression: "@addToTime('2018-01-01T00:00:00Z', 2, 'week')", expected: '2018-01-15T00:00:00.0000000Z' },
    { expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Fortnight')", error: 'InvalidArgumentValue' },
    {
      expression: "@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day', 'D')",
      expected: 'Monday, January 1, 2018',
    },
    { expression: "@getFutureTime(5, 'Day', 'D')", expected: 'Tuesday, March 5, 2024' },
    { expression: "@getFutureTime(1, 'Year')", expected: '2025-02-28T13:45:30.1230000Z' },
    { expression: "@getPastTime(1, 'Month')", expected: '2024-01-29T13:45:30.1230000Z' },
    { expression: "@utcNow('yyyy')", expected: '2024' },
    { expression: "@utcNow('ddd, d MMM yyyy')", expected: 'Thu, 29 Feb 2024' },
    { expression: "@utcNow('u')", expected: '2024-02-29 13:45:30Z' },
    {
      expression: "@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time', 'D')",
      expected: 'Monday, January 1, 2018',
    },
    {
      expression: "@convertFromUtc('2018-07-01T08:00:00Z', 'Pacific Standard Time')",
      expected: '2018-07-01T01:00:00.0000000',
      why: 'daylight saving time',
    },
    {
      expression: "@convertFromUtc('2018-01-01T08:00:00Z', 'W. Europe Standard Time')",
      expected: '2018-01-01T09:00:00.0000000',
    },
    {
      expression: "@convertFromUtc('2018-01-01T08:00:00Z', 'Europe/Paris')",
      expected: '2018-01-01T09:00:00.0000000',
      why: 'IANA ids work too',
    },
    { expression: "@convertFromUtc('2018-01-01T08:00:00Z', 'Mars Standard Time')", error: 'InvalidTimeZone' },
    {
      expression: "@convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time', 'D')",
      expected: 'Monday, January 1, 2018',
    },
    {
      expression: "@convertToUtc('2018-07-01T01:00:00', 'Pacific Standard Time')",
      expected: '2018-07-01T08:00:00.0000000Z',
    },
    {
      expression: "@convertTimeZone('2018-01-01T00:00:00', 'Pacific Standard Time', 'Eastern Standard Time')",
      expected: '2018-01-01T03:00:00.0000000',
    },
    {
      expression: "@convertTimeZone('2018-01-01T08:00:00Z', 'UTC', 'UTC')",
      expected: '2018-01-01T08:00:00.0000000Z',
    },
    {
      expression: "@convertTimeZone('2018-01-01T08:00:00Z', 'UTC', 'India Standard Time', 'HH:mm')",
      expected: '13:30',
    },
    { expression: "@dateDifference('2018-07-30', '2015-02-08')", expected: '-1268.00:00:00' },
    {
      expression: "@dateDifference('2018-01-01T00:00:00Z', '2018-01-01T01:02:03.5Z')",
      expected: '01:02:03.5000000',
    },
    { expression: "@dayOfWeek('2018-03-18')", expected: 0 },
    { expression: "@dayOfYear('2020-12-31')", expected: 366 },
    { expression: "@dayOfMonth('2018-03-15T23:59:59Z')", expected: 15 },
    {
      expression: "@formatDateTime('03/15/2018 12:00:00', 'yyyy-MM-ddTHH:mm:ss')",
      expected: '2018-03-15T12:00:00',
    },
    { expression: "@formatDateTime('01/31/2016', 'dddd MMMM d', 'es-es')", expected: 'domingo enero 31' },
    { expression: "@formatDateTime('01/31/2016', 'dddd MMMM d', 'fr-fr')", expected: 'dimanche janvier 31' },
    {
      expression: "@formatDateTime('2018-03-15T13:27:36.1234567Z', 'o')",
      expected: '2018-03-15T13:27:36.1234567Z',
    },
    {
      expression: "@formatDateTime('2018-03-15T13:27:36+02:00')",
      expected: '2018-03-15T11:27:36.0000000Z',
      why: 'offsets convert to UTC',
    },
    {
      expression: "@formatDateTime('2018-03-15T13:27:36.5Z', 'yyyy-MM-dd HH:mm:ss.FFF')",
      expected: '2018-03-15 13:27:36.5',
    },
    {
      expression: "@formatDateTime('2018-03-15T13:27:36Z', 'yyyy-MM-dd HH:mm:ss.FFF')",
      expected: '2018-03-15 13:27:36',
      why: 'an empty F field drops its point',
    },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'r')", expected: 'Thu, 15 Mar 2018 13:27:36 GMT' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 's')", expected: '2018-03-15T13:27:36' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'g')", expected: '3/15/2018 1:27 PM' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'G')", expected: '3/15/2018 1:27:36 PM' },
    {
      expression: "@formatDateTime('2018-03-15T13:27:36Z', 'f')",
      expected: 'Thursday, March 15, 2018 1:27 PM',
    },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'M')", expected: 'March 15' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'Y')", expected: 'March 2018' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 't')", expected: '1:27 PM' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'T')", expected: '1:27:36 PM' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'd', 'de-DE')", expected: '15.03.2018' },
    {
      expression: "@formatDateTime('2018-03-15T13:27:36Z', 'D', 'de-DE')",
      expected: 'Donnerstag, 15. März 2018',
    },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'd', 'en-GB')", expected: '15/03/2018' },
    {
      expression: "@formatDateTime('2018-03-15T13:27:36Z', 'hh:mm tt zzz K')",
      expected: '01:27 PM +00:00 Z',
    },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', '%d')", expected: '15' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'yy\"Y\" \\h')", expected: '18Y h' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'Q')", error: 'InvalidFormat' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'fffffffff')", error: 'InvalidFormat' },
    { expression: "@formatDateTime('2018-03-15T13:27:36Z', 'd', 'not a locale')", error: 'InvalidLocale' },
    { expression: "@formatDateTime('not a date')", error: 'InvalidFormat' },
    { expression: "@formatDateTime('2018-02-30')", error: 'InvalidFormat' },
    {
      expression: "@formatDateTime('Mon, 09 Apr 2018 18:47:12 GMT')",
      expected: '2018-04-09T18:47:12.0000000Z',
    },
    { expression: "@formatDateTime('January 31, 2016 3:04 PM')", expected: '2016-01-31T15:04:00.0000000' },
    { expression: "@parseDateTime('20 octobre 2010', 'fr-FR')", expected: '2010-10-20T00:00:00.0000000' },
    {
      expression: "@parseDateTime('21052019', 'fr-fr', 'ddMMyyyy')",
      expected: '2019-05-21T00:00:00.0000000',
    },
    {
      expression: "@parseDateTime('10/20/2014 15h', 'en-US', 'MM/dd/yyyy HH\\h')",
      expected: '2014-10-20T15:00:00.0000000',
    },
    {
      expression: "@parseDateTime('martes 20 de octubre de 2020', 'es-ES')",
      expected: '2020-10-20T00:00:00.0000000',
    },
    { expression: "@parseDateTime('2019-05-21', 'fr-fr', 'ddMMyyyy')", error: 'InvalidFormat' },
    { expression: "@startOfMonth('2018-03-15T13:30:30Z', 'yyyy-MM-dd')", expected: '2018-03-01' },
    { expression: "@startOfHour('2018-03-15T13:30:30')", expected: '2018-03-15T13:00:00.0000000' },
    { expression: "@startOfDay('2018-03-15T13:30:30.999Z')", expected: '2018-03-15T00:00:00.0000000Z' },
    { expression: "@ticks('2018-03-15T00:00:00Z')", expected: 636566688000000000 },
    { expression: "@ticks('0001-01-01T00:00:00Z')", expected: 0 },
  ]);
});
