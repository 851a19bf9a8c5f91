import { describe, expect, it } from 'vitest';
import { callFacts, parseConnectEvent } from '#lib/connect/event.ts';
import { connectEvent } from '#test/factories/connect-event.ts';

describe('parseConnectEvent', () => {
  it('reads the caller, the dialled number, the parameters and the attributes', () => {
    const parsed = parseConnectEvent(
      connectEvent({
        from: '+923001234567',
        to: '+922111000000',
        params: { action: 'identify' },
        attributes: { language: 'hi-IN' },
        contactId: 'c-1',
      }),
    );

    expect(parsed.ok && callFacts(parsed.event)).toEqual({
      contactId: 'c-1',
      initialContactId: 'c-1',
      callerNumber: '+923001234567',
      dialledNumber: '+922111000000',
      parameters: { action: 'identify' },
      attributes: { language: 'hi-IN' },
    });
  });

  it('accepts a call with no caller endpoint, or a null one', () => {
    const withoutEndpoint = parseConnectEvent(connectEvent({ from: undefined }));
    const event = connectEvent({ from: '+923001234567' }) as {
      Details: { ContactData: Record<string, unknown> };
    };
    event.Details.ContactData.CustomerEndpoint = null;
    const withNull = parseConnectEvent(event);

    expect(withoutEndpoint.ok && callFacts(withoutEndpoint.event).callerNumber).toBeNull();
    expect(withNull.ok && callFacts(withNull.event).callerNumber).toBeNull();
  });

  it('lets fields it does not know pass', () => {
    const event = connectEvent() as { Details: { ContactData: Record<string, unknown> } };
    event.Details.ContactData.SegmentAttributes = { 'connect:Subtype': { ValueString: 'connect:Telephony' } };

    expect(parseConnectEvent(event).ok).toBe(true);
  });

  it('takes missing Parameters as none', () => {
    const event = connectEvent() as { Details: Record<string, unknown> };
    delete event.Details.Parameters;
    const parsed = parseConnectEvent(event);

    expect(parsed.ok && callFacts(parsed.event).parameters).toEqual({});
  });

  it.each([
    ['not an object', 'hello', 'event: Invalid input'],
    [
      'without a contact id',
      { Name: 'ContactFlowEvent', Details: { ContactData: {}, Parameters: {} } },
      'Details.ContactData.ContactId',
    ],
    [
      'with a parameter that is not a string',
      { Name: 'ContactFlowEvent', Details: { ContactData: { ContactId: 'c' }, Parameters: { action: 1 } } },
      'Details.Parameters.action',
    ],
  ])('says what is wrong with an event %s, without throwing', (_, raw, problem) => {
    const parsed = parseConnectEvent(raw);

    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toContain(problem);
  });
});
