import { describe, expect, it } from 'vitest';
import { shortItemName } from '#lib/speech/item-name.ts';

describe('shortItemName', () => {
  it.each([
    ['Philips Air Fryer HD9200', 'Philips Air Fryer'],
    ['Samsung Galaxy A15 (128 GB)', 'Samsung Galaxy'],
    ['Cricket bat "Pro Series" - English willow', 'Cricket bat'],
    ['Kettle, 1.7 L', 'Kettle'],
    ['Power bank 20000 mAh', 'Power bank'],
    ['School bag & lunch box set', 'School bag'],
    [`Fish & Chips <Deluxe> "Large" serving plate`, 'Fish & Chips'],
    ['Hilsa curry spice mix 🐟🌶️', 'Hilsa curry spice'],
    ['Lawn 3-piece suit', 'Lawn 3-piece suit'],
    ['عطر العود الملكي ١٠٠ مل', 'عطر العود الملكي'],
  ])('says %j as %j', (catalogueName, short) => {
    expect(shortItemName(catalogueName)).toBe(short);
  });

  it.each(['🐟🌶️', '', '  ', '(128 GB)'])(
    'leaves nothing of %j, so that the order is named by its number',
    (name) => {
      expect(shortItemName(name)).toBe('');
    },
  );
});
