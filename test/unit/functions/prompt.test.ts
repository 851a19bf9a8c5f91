import { describe, expect, it } from 'vitest';
import { connectEvent } from '#test/factories/connect-event.ts';
import { prompt } from '../../../functions/prompt/index.ts';

describe('the prompt function', () => {
  it('speaks the prompt the flow names in the language order-status chose', async () => {
    const response = await prompt(
      connectEvent({ params: { name: 'menu' }, attributes: { language: 'hi-IN' } }),
    );

    expect(response).toMatchObject({ outcome: 'spoken', language: 'hi-IN' });
    expect(response.ssml).toMatch(/^<speak>.*दबाएँ.*<\/speak>$/s);
  });

  it("speaks the dialled market's language when the contact has none", async () => {
    const response = await prompt(connectEvent({ to: '+97142000000', params: { name: 'goodbye' } }));

    expect(response).toMatchObject({ outcome: 'spoken', language: 'ar-AE' });
  });

  it('puts an apology before the question when the flow asks again', async () => {
    const response = await prompt(connectEvent({ to: '+442000000000', params: { name: 'menuAgain' } }));

    expect(response.ssml).toContain('Sorry, I did not catch that.');
    expect(response.ssml).toContain('press 1');
  });

  it('offers an agent for a prompt it does not know, rather than failing the block', async () => {
    const response = await prompt(connectEvent({ to: '+442000000000', params: { name: 'toString' } }));

    expect(response).toMatchObject({ outcome: 'error', language: 'en-GB' });
    expect(response.ssml).toContain('agent');
  });

  it('offers an agent for an event that is not a Connect event', async () => {
    const response = await prompt({ Details: 'nonsense' });

    expect(response.outcome).toBe('error');
    expect(response.ssml).toMatch(/^<speak>/);
  });
});

describe('the prompt function, in a market that speaks two languages', () => {
  it('ends the menu by offering the other language, in that language', async () => {
    const response = await prompt(
      connectEvent({ params: { name: 'menu' }, attributes: { language: 'en-IN' } }),
    );

    expect(response.ssml).toMatch(/हिंदी के लिए 9 दबाएँ।<\/s><\/speak>$/);
  });

  it('switches to the other language, with its voice', async () => {
    const response = await prompt(
      connectEvent({ params: { name: 'switchLanguage' }, attributes: { language: 'hi-IN' } }),
    );

    expect(response).toEqual({ outcome: 'switched', language: 'en-IN', voice: 'Kajal' });
  });

  it('offers no other language where the market speaks one', async () => {
    const menu = await prompt(connectEvent({ to: '+442000000000', params: { name: 'menu' } }));
    const switched = await prompt(connectEvent({ to: '+442000000000', params: { name: 'switchLanguage' } }));

    expect(menu.ssml).not.toContain('9');
    expect(switched).toEqual({ outcome: 'no-other-language', language: 'en-GB' });
  });
});

describe('the menu', () => {
  it('offers the other orders only to a caller who has some', async () => {
    const several = await prompt(
      connectEvent({ to: '+442000000000', params: { name: 'menu', otherOrders: '2' } }),
    );
    const one = await prompt(
      connectEvent({ to: '+442000000000', params: { name: 'menu', otherOrders: '0' } }),
    );
    const unknown = await prompt(
      connectEvent({ to: '+442000000000', params: { name: 'menuAgain', otherOrders: '' } }),
    );

    expect(several.ssml).toContain('For your other orders, press 2.');
    expect(one.ssml).not.toContain('press 2');
    expect(unknown.ssml).not.toContain('press 2');
    expect(unknown.ssml).toContain('Sorry, I did not catch that.');
  });
});
