import { describe, expect, it } from 'vitest';
import { isMenuIntent, keyedChoice, menuKeys, offers } from '#lib/calls/menu.ts';

describe('the keys of the menu after a status', () => {
  it('offers the other language first on a line that speaks two', () => {
    expect(menuKeys({ offersLanguage: true })).toBe('91203');
  });

  it('has no language key on a line of one language', () => {
    expect(menuKeys({ offersLanguage: false })).toBe('1203');
  });
});

describe('a key pressed at the menu', () => {
  it.each([
    ['9', 'SwitchLanguage'],
    ['1', 'RepeatStatus'],
    ['2', 'OtherOrders'],
    ['0', 'SpeakToAgent'],
    ['3', 'SomethingElse'],
  ])('%s chooses %s', (key, choice) => {
    expect(keyedChoice('91203', key)).toBe(choice);
  });

  it.each(['7', '#', '*', '12', ''])('%j chooses nothing', (key) => {
    expect(keyedChoice('91203', key)).toBeNull();
  });

  it('chooses no other language on a line of one language', () => {
    expect(keyedChoice('1203', '9')).toBeNull();
    expect(offers('1203', 'SwitchLanguage')).toBe(false);
    expect(offers('1203', 'OtherOrders')).toBe(true);
  });
});

describe('the intents that are choices of the menu', () => {
  it.each(['RepeatStatus', 'OtherOrders', 'SwitchLanguage', 'SomethingElse'])('%s is one', (intent) => {
    expect(isMenuIntent(intent)).toBe(true);
  });

  it.each(['SpeakToAgent', 'CheckOrderStatus', 'FallbackIntent'])(
    '%s is not: it means the same anywhere in the call',
    (intent) => {
      expect(isMenuIntent(intent)).toBe(false);
    },
  );
});
