/**
 * Days and delivery slots as a person would say them: in the market's time zone (23:30 UTC is already
 * tomorrow in Karachi) and in the caller's language. The phrases fit where an adverb of time goes: "It should
 * arrive {date}", "इसकी डिलीवरी {date} होनी है", "ومن المتوقع أن يصلك {date}".
 */
import type { Locale, MarketCode } from '#lib/markets.ts';
import { type LocalDateTime, toLocal } from '#lib/time.ts';

/**
 * When `instant` falls, seen from `now`: "today", "tomorrow", "yesterday", "on Wednesday" within a week either
 * way, else "on Wednesday the 25th of November". The year is left out: the orders we speak of are current,
 * so their dates are weeks away at most. `market` is the line the caller called: Pakistan's callers hear the
 * weekdays by their Urdu names in Hindi (URDU_WEEKDAYS).
 */
export function spokenDay(
  instant: Date,
  now: Date,
  timeZone: string,
  locale: Locale,
  market?: MarketCode,
): string {
  const day = toLocal(instant, timeZone);
  const daysAway = dayNumber(day) - dayNumber(toLocal(now, timeZone));
  const words = DAY_WORDS[locale];
  if (daysAway === 0) return words.today;
  if (daysAway === 1) return words.tomorrow;
  if (daysAway === -1) return words.yesterday;
  const weekday =
    (locale === 'hi-IN' && market === 'PK' ? urduWeekday(day) : undefined) ?? nameOf(day, locale, 'weekday');
  if (Math.abs(daysAway) < 7) return words.onWeekday(weekday);
  return words.onDate(weekday, day.day, nameOf(day, locale, 'month'));
}

/**
 * When a promised delivery comes: its day, with the hours when the window is a slot within the day ("today
 * between 4 and 6 pm"). A window of a whole day or more is spoken as its last day.
 */
export function spokenPromise(
  from: Date | null,
  to: Date,
  now: Date,
  timeZone: string,
  locale: Locale,
  market?: MarketCode,
): string {
  // The end may be exclusive (00:00 of the next day) or inclusive (23:59:59): either way the day is this one.
  const lastMoment = new Date(to.getTime() - 1);
  const day = spokenDay(lastMoment, now, timeZone, locale, market);
  if (!from) return day;
  const start = toLocal(from, timeZone);
  const last = toLocal(lastMoment, timeZone);
  const wholeDay = start.hour === 0 && start.minute === 0 && last.hour === 23 && last.minute === 59;
  if (dayNumber(start) !== dayNumber(last) || wholeDay) return day;
  const end = toLocal(new Date(Math.ceil(to.getTime() / MINUTE_MS) * MINUTE_MS), timeZone);
  return SLOT_WORDS[locale](day, start, end);
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Days since 1970 of a local calendar date: the difference of two is how many days apart they are. */
function dayNumber(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day) / DAY_MS;
}

/** The formatters of weekday and month names, per locale, made on first use (making one is dear; see lib/time.ts). */
const namers = new Map<string, Intl.DateTimeFormat>();

function nameOf(local: LocalDateTime, locale: Locale, part: 'weekday' | 'month'): string {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day, 12));
  const key = `${locale} ${part}`;
  let namer = namers.get(key);
  if (!namer) {
    namer = new Intl.DateTimeFormat(locale, { [part]: 'long', timeZone: 'UTC' });
    namers.set(key, namer);
  }
  return namer.format(date);
}

/**
 * The weekdays as Urdu names them, Sunday first, written in Devanagari for the Hindi voice. The Hindi option of
 * the Pakistan line speaks Hindustani (prompts/README.md); most of its words are shared by Hindi and Urdu, but
 * Hindi's weekday names (गुरुवार, शुक्रवार, सोमवार) are Sanskrit ones Urdu speakers do not use. They stand before
 * को, so in the oblique case: जुमा, हफ़्ता become जुमे, हफ़्ते ("जुमे को", on Friday).
 */
const URDU_WEEKDAYS = ['इतवार', 'पीर', 'मंगल', 'बुध', 'जुमेरात', 'जुमे', 'हफ़्ते'] as const;

function urduWeekday(local: LocalDateTime): string | undefined {
  return URDU_WEEKDAYS[new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay()];
}

interface DayWords {
  today: string;
  tomorrow: string;
  yesterday: string;
  onWeekday: (weekday: string) => string;
  onDate: (weekday: string, day: number, month: string) => string;
}

type SlotWords = (day: string, start: LocalDateTime, end: LocalDateTime) => string;

const ENGLISH_DAYS = { today: 'today', tomorrow: 'tomorrow', yesterday: 'yesterday' };
const ENGLISH_ORDINAL_RULES = new Intl.PluralRules('en', { type: 'ordinal' });
const ENGLISH_ORDINAL_SUFFIXES: Partial<Record<Intl.LDMLPluralRule, string>> = {
  one: 'st',
  two: 'nd',
  few: 'rd',
};

function englishOrdinal(day: number): string {
  return `${day}${ENGLISH_ORDINAL_SUFFIXES[ENGLISH_ORDINAL_RULES.select(day)] ?? 'th'}`;
}

const DAY_WORDS: Readonly<Record<Locale, DayWords>> = {
  'en-GB': {
    ...ENGLISH_DAYS,
    onWeekday: (weekday) => `on ${weekday}`,
    onDate: (weekday, day, month) => `on ${weekday} the ${englishOrdinal(day)} of ${month}`,
  },
  'en-IN': {
    ...ENGLISH_DAYS,
    onWeekday: (weekday) => `on ${weekday}`,
    onDate: (weekday, day, month) => `on ${weekday}, ${englishOrdinal(day)} ${month}`,
  },
  // "कल" is both yesterday and tomorrow; the tense of the verb tells which.
  'hi-IN': {
    today: 'आज',
    tomorrow: 'कल',
    yesterday: 'कल',
    onWeekday: (weekday) => `${weekday} को`,
    onDate: (weekday, day, month) => `${weekday}, ${day} ${month} को`,
  },
  'ar-AE': {
    today: 'اليوم',
    tomorrow: 'غدًا',
    yesterday: 'أمس',
    onWeekday: (weekday) => `يوم ${weekday}`,
    onDate: (weekday, day, month) => `يوم ${weekday}، ${day} ${month}`,
  },
};

function englishSlot(day: string, start: LocalDateTime, end: LocalDateTime): string {
  const half = (time: LocalDateTime) => (time.hour < 12 ? 'am' : 'pm');
  const clock = (time: LocalDateTime) =>
    `${time.hour % 12 || 12}${time.minute ? `:${twoDigits(time.minute)}` : ''}`;
  const from = half(start) === half(end) ? clock(start) : `${clock(start)} ${half(start)}`;
  return `${day} between ${from} and ${clock(end)} ${half(end)}`;
}

/** Hindi says the part of the day before the hour, and half and quarter hours in words (साढ़े चार, पौने पाँच). */
function hindiSlot(day: string, start: LocalDateTime, end: LocalDateTime): string {
  const part = (time: LocalDateTime) => {
    if (time.hour >= 4 && time.hour < 12) return 'सुबह';
    if (time.hour >= 12 && time.hour < 16) return 'दोपहर';
    if (time.hour >= 16 && time.hour < 20) return 'शाम';
    return 'रात';
  };
  const clock = ({ hour, minute }: LocalDateTime) => {
    const twelve = hour % 12 || 12;
    if (minute === 0) return `${twelve}`;
    if (minute === 30) return twelve === 1 ? 'डेढ़' : twelve === 2 ? 'ढाई' : `साढ़े ${twelve}`;
    if (minute === 15) return `सवा ${twelve}`;
    if (minute === 45) return `पौने ${(twelve % 12) + 1}`;
    return `${twelve}:${twoDigits(minute)}`;
  };
  if (part(start) === part(end)) return `${day} ${part(start)} ${clock(start)} से ${clock(end)} बजे के बीच`;
  return `${day} ${part(start)} ${clock(start)} बजे से ${part(end)} ${clock(end)} बजे के बीच`;
}

const ARABIC_HOURS = [
  'الثانية عشرة',
  'الواحدة',
  'الثانية',
  'الثالثة',
  'الرابعة',
  'الخامسة',
  'السادسة',
  'السابعة',
  'الثامنة',
  'التاسعة',
  'العاشرة',
  'الحادية عشرة',
];

/** Arabic names the hour with an ordinal (الساعة الرابعة), as announcements in the Gulf do. */
function arabicSlot(day: string, start: LocalDateTime, end: LocalDateTime): string {
  const part = (time: LocalDateTime) => {
    if (time.hour < 12) return 'صباحًا';
    if (time.hour < 15) return 'ظهرًا';
    return 'مساءً';
  };
  const hourName = (hour: number) => ARABIC_HOURS[hour % 12] ?? '';
  const clock = ({ hour, minute }: LocalDateTime) => {
    if (minute === 0) return hourName(hour);
    if (minute === 30) return `${hourName(hour)} والنصف`;
    if (minute === 15) return `${hourName(hour)} والربع`;
    if (minute === 45) return `${hourName(hour + 1)} إلا ربعًا`;
    return `${hourName(hour)} و${minute} دقيقة`;
  };
  if (part(start) === part(end)) return `${day} بين الساعة ${clock(start)} و${clock(end)} ${part(end)}`;
  return `${day} بين الساعة ${clock(start)} ${part(start)} و${clock(end)} ${part(end)}`;
}

const SLOT_WORDS: Readonly<Record<Locale, SlotWords>> = {
  'en-GB': englishSlot,
  'en-IN': englishSlot,
  'hi-IN': hindiSlot,
  'ar-AE': arabicSlot,
};

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
