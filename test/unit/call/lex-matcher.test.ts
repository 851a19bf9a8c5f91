/** The local bot's understanding: intents from words the bot was not given, and built-in slot values. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#lib/db/local-stack.ts';
import { FALLBACK_INTENT, loadBot } from '#lib/lex/bot.ts';
import { dateIn, IntentMatcher, normalise, orderNumberIn } from '../../../cli/call/lex-matcher.ts';

const bot = loadBot();
const matchers = new Map(bot.locales.map((locale) => [locale.localeId, new IntentMatcher(bot, locale)]));
function matcher(localeId: string): IntentMatcher {
  const found = matchers.get(localeId);
  if (!found) throw new Error(`no locale ${localeId}`);
  return found;
}

/** Phrasings written apart from bots/, by someone who did not read it: the measure of the matcher. */
const HELD_BACK: { locale: string; intent: string; utterance: string }[] = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'test', 'e2e', 'lex-paraphrases.json'), 'utf8'),
);

describe('IntentMatcher', () => {
  it('routes at least 85% of the held-back phrasings to their intent, and at least 80% in each locale', () => {
    const right = HELD_BACK.filter(
      ({ locale, intent, utterance }) => matcher(locale).recognise(utterance).intent === intent,
    );

    expect(right.length / HELD_BACK.length).toBeGreaterThanOrEqual(0.85);
    for (const { localeId } of bot.locales) {
      const ofLocale = HELD_BACK.filter((phrasing) => phrasing.locale === localeId);
      expect(
        right.filter((phrasing) => phrasing.locale === localeId).length / ofLocale.length,
        localeId,
      ).toBeGreaterThanOrEqual(0.8);
    }
  });

  it.each(bot.locales.map((locale) => locale.localeId))(
    'routes every sample utterance of %s to its own intent',
    (localeId) => {
      const locale = bot.locales.find((candidate) => candidate.localeId === localeId);
      const wrong = Object.entries(locale?.intents ?? {}).flatMap(([intent, { utterances }]) =>
        utterances
          .map((utterance) =>
            utterance
              .replace('{OrderNumber}', '10000001')
              .replace('{NewDate}', 'tomorrow')
              .replace('{ChangeWhat}', 'address'),
          )
          .filter((utterance) => matcher(localeId).recognise(utterance).intent !== intent)
          .map((utterance) => `${intent}: ${utterance}`),
      );

      expect(wrong).toEqual([]);
    },
  );

  it('falls back below the locale’s confidence threshold', () => {
    expect(matcher('en_GB').recognise('purple elephants quantum banjo')).toEqual({
      intent: FALLBACK_INTENT,
      confidence: expect.any(Number),
      slots: {},
    });
  });

  it('fills the slots of the intent from the words', () => {
    expect(matcher('en_IN').recognise('kindly cancel order 1000 0004')).toMatchObject({
      intent: 'CancelOrder',
      slots: { OrderNumber: '10000004' },
    });
  });
});

describe('orderNumberIn', () => {
  it.each([
    ['10000001', '10000001'],
    ['my order is 1000 0001 please', '10000001'],
    ['one oh oh oh oh oh oh one', '10000001'],
    ['10000001#', '10000001'],
    ['١٠٠٠٠٠٠١', '10000001'],
    ['ऑर्डर १००००००१', '10000001'],
    ['الغي الطلب 20000001، لو سمحت', '20000001'],
    ['order 60000001। बस', '60000001'],
    ['is it order 10000001?', '10000001'],
  ])('reads "%s" as %s', (said, digits) => {
    expect(orderNumberIn(said)).toBe(digits);
  });

  it.each(['12345', 'no number here', '1234567890123'])('finds none in "%s"', (said) => {
    expect(orderNumberIn(said)).toBeUndefined();
  });
});

describe('dateIn', () => {
  const sunday = new Date('2026-11-22T10:00:00Z');

  it.each([
    ['tomorrow please', '2026-11-23'],
    ['the day after tomorrow', '2026-11-24'],
    ['on friday', '2026-11-27'],
    ['next sunday', '2026-11-29'],
    ['2026-12-01', '2026-12-01'],
  ])('reads "%s" as %s', (said, date) => {
    expect(dateIn(said, sunday)).toBe(date);
  });
});

describe('normalise', () => {
  it('lowers case, drops punctuation, and unifies Arabic letter forms and the article', () => {
    expect(normalise("Where's my ORDER?")).toEqual(["where's", 'my', 'order']);
    expect(normalise('أين الطلبية؟')).toEqual(['اين', 'طلبيه']);
  });
});
