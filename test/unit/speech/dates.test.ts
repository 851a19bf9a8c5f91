import { afterEach, describe, expect, it, vi } from 'vitest';
import { spokenDay, spokenPromise } from '#lib/speech/dates.ts';
import { fromLocal } from '#lib/time.ts';

const KARACHI = 'Asia/Karachi';
const DUBAI = 'Asia/Dubai';
const LONDON = 'Europe/London';
/** Monday 23 November 2026, 11:00 in Karachi. */
const now = new Date('2026-11-23T06:00:00Z');

function karachi(day: number, hour = 12, minute = 0): Date {
  return fromLocal({ year: 2026, month: 11, day, hour, minute }, KARACHI);
}

describe('spokenDay', () => {
  it.each([
    ['today', karachi(23, 20)],
    ['tomorrow', karachi(24, 9)],
    ['yesterday', karachi(22, 9)],
    ['on Wednesday', karachi(25)],
    ['on Sunday', karachi(29)],
    ['on Saturday', karachi(21)],
    ['on Monday the 30th of November', karachi(30)],
    [
      'on Tuesday the 1st of December',
      fromLocal({ year: 2026, month: 12, day: 1, hour: 12, minute: 0 }, KARACHI),
    ],
    ['on Monday the 16th of November', karachi(16)],
  ])('says "%s" for a day seen from Monday the 23rd', (words, instant) => {
    expect(spokenDay(instant, now, KARACHI, 'en-GB')).toBe(words);
  });

  it('says tomorrow for 23:30 UTC, which is already the next day in Karachi', () => {
    const lateEveningUtc = new Date('2026-11-23T23:30:00Z');

    expect(spokenDay(lateEveningUtc, now, KARACHI, 'en-GB')).toBe('tomorrow');
    expect(spokenDay(lateEveningUtc, now, LONDON, 'en-GB')).toBe('today');
  });

  it('follows British summer time', () => {
    const summerNoon = new Date('2026-07-01T12:00:00Z');
    const winterNoon = new Date('2026-12-01T12:00:00Z');

    expect(spokenDay(new Date('2026-07-01T23:30:00Z'), summerNoon, LONDON, 'en-GB')).toBe('tomorrow');
    expect(spokenDay(new Date('2026-12-01T23:30:00Z'), winterNoon, LONDON, 'en-GB')).toBe('today');
  });

  it('counts days across the night the clocks go forward', () => {
    const saturdayNight = new Date('2026-03-28T23:30:00Z');

    expect(spokenDay(new Date('2026-03-29T23:30:00Z'), saturdayNight, LONDON, 'en-GB')).toBe('on Monday');
  });

  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [31, '31st'],
  ])('says day %i of a month as the "%s"', (day, ordinal) => {
    const december = fromLocal({ year: 2026, month: 12, day, hour: 12, minute: 0 }, KARACHI);

    expect(spokenDay(december, now, KARACHI, 'en-GB')).toContain(` the ${ordinal} of December`);
  });

  it.each([
    ['en-IN', 'today', 'tomorrow', 'on Wednesday', 'on Monday, 30th November'],
    ['hi-IN', 'आज', 'कल', 'बुधवार को', 'सोमवार, 30 नवंबर को'],
    ['ar-AE', 'اليوم', 'غدًا', 'يوم الأربعاء', 'يوم الاثنين، 30 نوفمبر'],
  ] as const)('says days in %s', (locale, today, tomorrow, weekday, fullDate) => {
    expect(spokenDay(karachi(23), now, KARACHI, locale)).toBe(today);
    expect(spokenDay(karachi(24), now, KARACHI, locale)).toBe(tomorrow);
    expect(spokenDay(karachi(25), now, KARACHI, locale)).toBe(weekday);
    expect(spokenDay(karachi(30), now, KARACHI, locale)).toBe(fullDate);
  });

  it('names the weekdays as Urdu does to Hindi callers of the Pakistan line, and as Hindi does on the Nepal line', () => {
    expect(spokenDay(karachi(26), now, KARACHI, 'hi-IN', 'PK')).toBe('जुमेरात को');
    expect(spokenDay(karachi(27), now, KARACHI, 'hi-IN', 'PK')).toBe('जुमे को');
    expect(spokenDay(karachi(30), now, KARACHI, 'hi-IN', 'PK')).toBe('पीर, 30 नवंबर को');
    expect(spokenDay(karachi(26), now, KARACHI, 'hi-IN', 'NP')).toBe('गुरुवार को');
    expect(spokenDay(karachi(26), now, KARACHI, 'en-IN', 'PK')).toBe('on Thursday');
  });

  it('says yesterday in Arabic and Hindi', () => {
    expect(spokenDay(karachi(22), now, KARACHI, 'ar-AE')).toBe('أمس');
    expect(spokenDay(karachi(22), now, KARACHI, 'hi-IN')).toBe('कल');
  });
});

describe('spokenPromise', () => {
  it('says a whole-day promise as its day, whether the end is 23:59:59 or the next midnight', () => {
    const inclusiveEnd = new Date(karachi(24, 0).getTime() - 1000);

    expect(spokenPromise(karachi(23, 0), inclusiveEnd, now, KARACHI, 'en-GB')).toBe('today');
    expect(spokenPromise(karachi(23, 0), karachi(24, 0), now, KARACHI, 'en-GB')).toBe('today');
  });

  it('says a same-day slot with its hours', () => {
    expect(spokenPromise(karachi(23, 16), karachi(23, 18), now, KARACHI, 'en-GB')).toBe(
      'today between 4 and 6 pm',
    );
    expect(spokenPromise(karachi(24, 11), karachi(24, 13), now, KARACHI, 'en-IN')).toBe(
      'tomorrow between 11 am and 1 pm',
    );
    expect(spokenPromise(karachi(25, 9, 30), karachi(25, 12), now, KARACHI, 'en-GB')).toBe(
      'on Wednesday between 9:30 am and 12 pm',
    );
  });

  it('rounds a slot that ends a second before the hour up to the hour', () => {
    const end = new Date(karachi(23, 18).getTime() - 1000);

    expect(spokenPromise(karachi(23, 16), end, now, KARACHI, 'en-GB')).toBe('today between 4 and 6 pm');
  });

  it('says a slot in Hindi with the part of the day and half hours in words', () => {
    expect(spokenPromise(karachi(23, 16), karachi(23, 18), now, KARACHI, 'hi-IN')).toBe(
      'आज शाम 4 से 6 बजे के बीच',
    );
    expect(spokenPromise(karachi(25, 11), karachi(25, 13, 30), now, KARACHI, 'hi-IN')).toBe(
      'बुधवार को सुबह 11 बजे से दोपहर डेढ़ बजे के बीच',
    );
    expect(spokenPromise(karachi(24, 16, 30), karachi(24, 18, 45), now, KARACHI, 'hi-IN')).toBe(
      'कल शाम साढ़े 4 से पौने 7 बजे के बीच',
    );
  });

  it('says a slot in Arabic with the hours named as in the Gulf', () => {
    const dubai = (hour: number, minute = 0) =>
      fromLocal({ year: 2026, month: 11, day: 23, hour, minute }, DUBAI);

    expect(spokenPromise(dubai(16), dubai(18), now, DUBAI, 'ar-AE')).toBe(
      'اليوم بين الساعة الرابعة والسادسة مساءً',
    );
    expect(spokenPromise(dubai(10, 30), dubai(13), now, DUBAI, 'ar-AE')).toBe(
      'اليوم بين الساعة العاشرة والنصف صباحًا والواحدة ظهرًا',
    );
  });

  it('says a window over several days as its last day', () => {
    expect(spokenPromise(karachi(23, 0), karachi(26, 0), now, KARACHI, 'en-GB')).toBe('on Wednesday');
  });

  it('says the day alone when only the end of the window is known', () => {
    expect(spokenPromise(null, karachi(24, 18), now, KARACHI, 'en-GB')).toBe('tomorrow');
  });
});

describe('the names of days and months', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('come from formatters made once per locale, not at every reply', () => {
    spokenDay(karachi(20), now, KARACHI, 'en-GB');
    spokenDay(karachi(20), now, KARACHI, 'ar-AE');
    const made = vi.spyOn(Intl, 'DateTimeFormat');

    for (let day = 1; day <= 20; day += 1) {
      spokenDay(karachi(day), now, KARACHI, 'en-GB');
      spokenDay(karachi(day), now, KARACHI, 'ar-AE');
    }

    expect(made).not.toHaveBeenCalled();
  });
});
