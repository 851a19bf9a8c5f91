/** The intent and slot names the code and the flow check know, kept equal to bots/order-bot.json. */
import { describe, expect, it } from 'vitest';
import { INTENT_NAMES, loadBot, SLOT_NAMES } from '#lib/lex/bot.ts';

describe('the names of bots/order-bot.json', () => {
  const bot = loadBot();

  it('are the intents of INTENT_NAMES, no more and no fewer', () => {
    const intents = bot.intents.map((intent) => intent.name);

    expect([...intents].sort()).toEqual([...INTENT_NAMES].sort());
  });

  it('are the slots of SLOT_NAMES, no more and no fewer', () => {
    const slots = new Set(bot.intents.flatMap((intent) => intent.slots.map((slot) => slot.name)));

    expect([...slots].sort()).toEqual([...SLOT_NAMES].sort());
  });
});
