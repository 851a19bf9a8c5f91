import { describe, expect, it } from 'vitest';
import { transcript } from '#lib/speech/index.ts';
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
    expect(response.ssml).toContain('Press 1');
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
  it('starts the menu by offering the other language, in that language', async () => {
    const response = await prompt(
      connectEvent({ params: { name: 'menu' }, attributes: { language: 'en-IN' } }),
    );

    expect(response.ssml).toMatch(
      /^<speak><s><lang xml:lang="hi-IN">हिंदी या उर्दू के लिए 9 दबाएँ।<\/lang><\/s><s>Press 1 to hear it again/,
    );
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

    expect(several.ssml).toContain('2 for your other orders');
    expect(one.ssml).not.toContain(' 2 ');
    expect(unknown.ssml).not.toContain(' 2 ');
    expect(unknown.ssml).toContain('Sorry, I did not catch that.');
  });
});

describe('the wait before the queue', () => {
  const metrics = (contactsInQueue: string, oldestContactSeconds: string, agentsAvailable: string) => ({
    name: 'queueWait',
    contactsInQueue,
    oldestContactSeconds,
    agentsAvailable,
    recorded: 'true',
  });

  it('tells a caller an agent is free that one will answer shortly, and that the call with the agent is recorded', async () => {
    const response = await prompt(
      connectEvent({ from: '+447400123456', to: '+442000000000', params: metrics('0', '', '2') }),
    );

    expect(response).toMatchObject({ outcome: 'hold', language: 'en-GB' });
    expect(transcript(response.ssml ?? '')).toBe(
      'An agent will answer shortly. Your call with our agent will be recorded, to check and improve our service.',
    );
  });

  it('says a long wait in minutes and offers a call back on the number ending in the caller’s last four digits', async () => {
    const response = await prompt(
      connectEvent({ from: '+447400123456', to: '+442000000000', params: metrics('12', '600', '0') }),
    );

    expect(response.outcome).toBe('offer-callback');
    expect(transcript(response.ssml ?? '')).toBe(
      'The wait for an agent is about 15 minutes. Your call with our agent will be recorded, to check and improve our service. To be called back on the number ending [3 4 5 6] instead, press 1. To stay on the line, press 2.',
    );
  });

  it('offers no call back to a caller whose number was withheld, however long the wait', async () => {
    const response = await prompt(
      connectEvent({ from: null, to: '+442000000000', params: metrics('12', '600', '0') }),
    );

    expect(response.outcome).toBe('hold');
    expect(response.ssml).not.toContain('press 1');
  });

  it('says nothing of minutes when the queue metrics are missing, and no recording notice the flow did not ask for', async () => {
    const response = await prompt(
      connectEvent({
        from: '+923001234567',
        params: { name: 'queueWait' },
        attributes: { language: 'hi-IN' },
      }),
    );

    expect(response.outcome).toBe('hold');
    expect(transcript(response.ssml ?? '')).toBe('एजेंट के ख़ाली होते ही आपसे बात होगी।');
  });

  it('confirms a call back on the caller’s number, in their language', async () => {
    const response = await prompt(
      connectEvent({ from: '+971501234567', to: '+97142000000', params: { name: 'callbackBooked' } }),
    );

    expect(response.outcome).toBe('spoken');
    expect(transcript(response.ssml ?? '')).toBe(
      'شكرًا. سنعاود الاتصال على الرقم المنتهي بـ [4 5 6 7] فور توفر أحد موظفينا. مع السلامة.',
    );
  });
});

describe('the language offer of a menu', () => {
  it('is marked as English for the Arabic voice', async () => {
    const response = await prompt(connectEvent({ to: '+97142000000', params: { name: 'menu' } }));

    expect(response.ssml).toMatch(
      /^<speak><s><lang xml:lang="en-GB">For English, press 9\.<\/lang><\/s><s>يرجى الضغط/,
    );
  });

  it('is said in English by Amy, who cannot say Arabic script', async () => {
    const response = await prompt(
      connectEvent({ to: '+97142000000', params: { name: 'menu' }, attributes: { language: 'en-GB' } }),
    );

    expect(response.ssml).toMatch(/^<speak><s>For Arabic, press 9\.<\/s><s>Press 1 to hear it again/);
    expect(response.ssml).not.toMatch(/[\u0600-\u06FF]/);
  });
});
