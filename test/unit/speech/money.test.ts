import { describe, expect, it } from 'vitest';
import { InvalidAmountError, spokenAmount } from '#lib/speech/money.ts';

describe('spokenAmount', () => {
  it.each([
    ['12499.00', 'PKR', '12,499 rupees'],
    ['1.00', 'PKR', '1 rupee'],
    ['12499.50', 'PKR', '12,499 rupees and 50 paisa'],
    ['6500.00', 'NPR', '6,500 rupees'],
    ['15900.00', 'LKR', '15,900 rupees'],
    ['540.00', 'BDT', '540 taka'],
    ['85000.00', 'MMK', '85,000 kyat'],
    ['349.00', 'AED', '349 dirhams'],
    ['49.50', 'AED', '49 dirhams and 50 fils'],
    ['90.25', 'SAR', '90 riyals and 25 halalas'],
    ['29.750', 'KWD', '29 dinars and 750 fils'],
    ['29.75', 'KWD', '29 dinars and 750 fils'],
    ['1.005', 'KWD', '1 dinar and 5 fils'],
    ['24.99', 'GBP', '24 pounds 99'],
    ['24.00', 'GBP', '24 pounds'],
    ['1.00', 'GBP', '1 pound'],
    ['0.99', 'GBP', '99 pence'],
    ['0.01', 'GBP', '1 penny'],
  ])('says %s %s as "%s" in British English', (amount, currency, words) => {
    expect(spokenAmount(amount, currency, 'en-GB')).toBe(words);
  });

  it('groups rupees in lakhs in Indian English and Hindi', () => {
    expect(spokenAmount('124999.00', 'PKR', 'en-IN')).toBe('1,24,999 rupees');
    expect(spokenAmount('124999.00', 'PKR', 'hi-IN')).toBe('1,24,999 रुपये');
    expect(spokenAmount('124999.00', 'PKR', 'en-GB')).toBe('124,999 rupees');
  });

  it('never loses a cent to floating point', () => {
    // 4.35 * 100 is 434.99999999999994 in floating point; 0.29 * 100 is 28.999999999999996.
    expect(spokenAmount('4.35', 'GBP', 'en-GB')).toBe('4 pounds 35');
    expect(spokenAmount('0.29', 'GBP', 'en-GB')).toBe('29 pence');
    expect(spokenAmount('9999999999.99', 'AED', 'en-GB')).toBe('9,999,999,999 dirhams and 99 fils');
  });

  it.each([
    ['12499.00', 'PKR', '12,499 रुपये'],
    ['1.00', 'PKR', '1 रुपया'],
    ['12.50', 'PKR', '12 रुपये 50 पैसे'],
    ['24.99', 'GBP', '24 पाउंड 99 पेंस'],
    ['29.750', 'KWD', '29 दीनार 750 फ़िल्स'],
  ])('says %s %s as "%s" in Hindi', (amount, currency, words) => {
    expect(spokenAmount(amount, currency, 'hi-IN')).toBe(words);
  });

  it.each([
    ['349.00', 'AED', '349 درهمًا'],
    ['1.00', 'AED', 'درهم واحد'],
    ['2.00', 'AED', 'درهمان'],
    ['5.00', 'AED', '5 دراهم'],
    ['100.00', 'AED', '100 درهم'],
    ['12499.00', 'PKR', '12499 روبيةً'],
    ['45.00', 'SAR', '45 ريالًا'],
    ['29.750', 'KWD', '29 دينارًا و750 فلسًا'],
    ['3.00', 'KWD', '3 دنانير'],
    ['24.99', 'GBP', '24 جنيهًا إسترلينيًا و99 بنسًا'],
  ])('says %s %s as "%s" in Arabic, with the counted noun in its proper form', (amount, currency, words) => {
    expect(spokenAmount(amount, currency, 'ar-AE')).toBe(words);
  });

  it('says a currency it has no words for by its code', () => {
    expect(spokenAmount('12499.50', 'USD', 'en-GB')).toBe('12,499.50 USD');
  });

  it.each([
    ['a negative amount', '-5.00', 'GBP'],
    ['a float in exponent form', '1e5', 'GBP'],
    ['words', 'twelve', 'GBP'],
    ['more decimals than the currency has', '1.234', 'GBP'],
    ['an empty string', '', 'GBP'],
  ])('refuses %s', (_, amount, currency) => {
    expect(() => spokenAmount(amount, currency, 'en-GB')).toThrow(InvalidAmountError);
  });
});
