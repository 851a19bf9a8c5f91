import { describe, expect, it } from 'vitest';
import { localeFor } from '#lib/markets.ts';

describe('localeFor: the language a caller hears', () => {
  it.each([
    ['Pakistan', 'PK', 'en-IN'],
    ['Nepal', 'NP', 'en-IN'],
    ['the UAE', 'AE', 'ar-AE'],
    ['the UK', 'GB', 'en-GB'],
  ] as const)(
    'speaks the market language of %s to a caller who neither chose nor saved one',
    (_, market, locale) => {
      expect(localeFor(market, undefined, null)).toBe(locale);
    },
  );

  it.each([
    ['Hindi on the Pakistan line', 'PK', 'hi-IN', 'hi-IN'],
    ['Hindi on the Nepal line', 'NP', 'hi-IN', 'hi-IN'],
    ['Hindi saved as a bare language', 'NP', 'hi', 'hi-IN'],
    ['English of the US on the Dubai line, in its English', 'AE', 'en-US', 'en-GB'],
    ['Indian English on the UK line, in its English', 'GB', 'en-IN', 'en-GB'],
    ['British English on the Pakistan line, in its English', 'PK', 'en-GB', 'en-IN'],
    ['Saudi Arabic on the Kuwait line, in its Arabic', 'KW', 'ar-SA', 'ar-AE'],
    ['Hindi written the POSIX way, in capitals', 'PK', 'HI_in', 'hi-IN'],
  ] as const)('speaks the saved language where the market speaks it: %s', (_, market, saved, locale) => {
    expect(localeFor(market, undefined, saved)).toBe(locale);
  });

  it.each([
    ['Hindi on the Bangladesh line', 'BD', 'hi-IN', 'en-IN'],
    ['Arabic on the Pakistan line', 'PK', 'ar-AE', 'en-IN'],
    ['Hindi on the Dubai line', 'AE', 'hi-IN', 'ar-AE'],
    ['Nepali, which no voice of ours speaks', 'NP', 'ne-NP', 'en-IN'],
    ['text that is no language tag', 'PK', 'Hindi please', 'en-IN'],
    ['an empty value', 'GB', '', 'en-GB'],
  ] as const)(
    'speaks the market language over a saved one it does not speak: %s',
    (_, market, saved, locale) => {
      expect(localeFor(market, undefined, saved)).toBe(locale);
    },
  );

  it('keeps to the language chosen in the call, over the saved one', () => {
    expect(localeFor('NP', 'en-IN', 'hi-IN')).toBe('en-IN');
    expect(localeFor('PK', 'hi-IN', 'en-IN')).toBe('hi-IN');
  });

  it('passes over a chosen language the market does not speak, to the saved one', () => {
    expect(localeFor('PK', 'ar-AE', 'hi-IN')).toBe('hi-IN');
  });
});
