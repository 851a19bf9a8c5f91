import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callFacts, parseConnectEvent, peekContactId } from '#lib/connect/event.ts';
import { normalizeCallerNumber } from '#lib/orders/phone.ts';
import { type ConnectEventOptions, connectEvent } from '#test/factories/connect-event.ts';

/** The factory's event with some ContactData fields changed; one changed to undefined is left out, as in JSON. */
function eventWithContactData(changes: Record<string, unknown>, options: ConnectEventOptions = {}): unknown {
  const event = connectEvent(options);
  const changed = {
    ...event,
    Details: { ...event.Details, ContactData: { ...event.Details.ContactData, ...changes } },
  };
  return JSON.parse(JSON.stringify(changed));
}

function parsed(raw: unknown) {
  const result = parseConnectEvent(raw);
  if (!result.ok) throw new Error(`expected the event to parse, but: ${result.problems}`);
  return result.event;
}

function problemsOf(raw: unknown): string {
  const result = parseConnectEvent(raw);
  if (result.ok) throw new Error('expected the event to be refused');
  return result.problems;
}

describe('parseConnectEvent and callFacts', () => {
  it('read the caller, the dialled number, the parameters and the attributes of an inbound call', () => {
    // Prepare
    const event = connectEvent({
      from: '+923001234567',
      to: '+922111000000',
      params: { action: 'identify' },
      attributes: { language: 'hi-IN' },
      contactId: 'c-1',
    });

    // Act
    const facts = callFacts(parsed(event));

    // Assess
    expect(facts).toEqual({
      contactId: 'c-1',
      initialContactId: 'c-1',
      callerNumber: '+923001234567',
      dialledNumber: '+922111000000',
      parameters: { action: 'identify' },
      attributes: { language: 'hi-IN' },
    });
  });

  it.each([
    ['no CustomerEndpoint', undefined, null],
    ['a null CustomerEndpoint', null, null],
    ['an empty address', '', ''],
    ['"anonymous"', 'anonymous', 'anonymous'],
  ])('accepts a call with %s, and its caller counts as withheld', (_, from, callerNumber) => {
    const facts = callFacts(parsed(connectEvent({ from })));

    expect(facts.callerNumber).toBe(callerNumber);
    expect(normalizeCallerNumber(facts.callerNumber, 'PK')).toEqual({ kind: 'withheld' });
  });

  it('accepts an endpoint whose address is null or left out', () => {
    const withNullAddress = eventWithContactData({ CustomerEndpoint: { Address: null, Type: null } });
    const withNoAddress = eventWithContactData({ CustomerEndpoint: {} });

    expect(callFacts(parsed(withNullAddress)).callerNumber).toBeNull();
    expect(callFacts(parsed(withNoAddress)).callerNumber).toBeNull();
  });

  it('takes missing Parameters and Attributes as none', () => {
    const event = connectEvent({ params: { action: 'identify' }, attributes: { language: 'hi-IN' } });
    const { Parameters: _, ...details } = event.Details;
    const withoutEither = {
      ...event,
      Details: { ...details, ContactData: { ...details.ContactData, Attributes: undefined } },
    };

    const facts = callFacts(parsed(JSON.parse(JSON.stringify(withoutEither))));

    expect(facts.parameters).toEqual({});
    expect(facts.attributes).toEqual({});
  });

  it('lets fields it does not know pass, at every level', () => {
    const event = connectEvent();
    const newer = {
      ...event,
      Version: '2',
      Details: {
        ...event.Details,
        Flow: { Id: 'flow-1' },
        ContactData: {
          ...event.Details.ContactData,
          AwsRegion: 'eu-west-2',
          Channel: 'EMAIL',
          References: { ticket: { Type: 'url', Value: 'https://example.com/1' } },
          Tags: { team: 'support' },
          SystemEndpoint: { Address: '+922111000000', Type: 'TELEPHONE_NUMBER', DisplayName: 'Support' },
        },
      },
    };

    expect(parseConnectEvent(newer).ok).toBe(true);
  });

  it('takes the first contact of a transferred call as the initial one, and the contact itself otherwise', () => {
    const transferred = eventWithContactData({ InitialContactId: 'first' }, { contactId: 'after-transfer' });
    const untransferred = eventWithContactData({ InitialContactId: undefined }, { contactId: 'only' });

    expect(callFacts(parsed(transferred)).initialContactId).toBe('first');
    expect(callFacts(parsed(untransferred)).initialContactId).toBe('only');
  });

  it('reads the working queue when the flow has set one, and none otherwise', () => {
    const queue = { ARN: 'arn:aws:connect:eu-west-2:123456789012:instance/i/queue/q', Name: 'PK-en' };

    expect(parsed(eventWithContactData({ Queue: queue })).Details.ContactData.Queue).toEqual(queue);
    expect(parsed(eventWithContactData({ Queue: undefined })).Details.ContactData.Queue).toBeNull();
  });

  it.each([
    ['that is not an object', 'hello', 'event: Invalid input'],
    ['that is empty', {}, 'Name'],
    ['of another kind', { ...connectEvent(), Name: 'ContactFlowExecution' }, 'Name'],
    ['without ContactData', { Name: 'ContactFlowEvent', Details: { Parameters: {} } }, 'Details.ContactData'],
    [
      'without a contact id',
      { Name: 'ContactFlowEvent', Details: { ContactData: {}, Parameters: {} } },
      'Details.ContactData.ContactId',
    ],
    [
      'with an empty contact id',
      { Name: 'ContactFlowEvent', Details: { ContactData: { ContactId: '' } } },
      'Details.ContactData.ContactId',
    ],
    [
      'with a parameter that is not a string',
      { Name: 'ContactFlowEvent', Details: { ContactData: { ContactId: 'c' }, Parameters: { action: 1 } } },
      'Details.Parameters.action',
    ],
    [
      'with an attribute that is not a string',
      {
        Name: 'ContactFlowEvent',
        Details: { ContactData: { ContactId: 'c', Attributes: { language: ['hi-IN'] } } },
      },
      'Details.ContactData.Attributes.language',
    ],
  ])('says what is wrong with an event %s, without throwing', (_, raw, problem) => {
    expect(problemsOf(raw)).toContain(problem);
  });

  it('names a bad field by its path, never by its value, so the problems can be logged', () => {
    const problems = problemsOf(eventWithContactData({ CustomerEndpoint: { Address: 923001234567 } }));

    expect(problems).toContain('Details.ContactData.CustomerEndpoint.Address');
    expect(problems).not.toContain('923001234567');
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        expect(typeof parseConnectEvent(raw).ok).toBe('boolean');
      }),
    );
  });
});

describe('peekContactId', () => {
  it('finds the contact id of an event that is otherwise malformed, so its logs name the call', () => {
    const raw = { Name: 'something else', Details: { ContactData: { ContactId: 'c-7' }, Parameters: 'x' } };

    expect(peekContactId(raw)).toBe('c-7');
  });

  it.each([['hello'], [null], [{ Details: { ContactData: { ContactId: 7 } } }], [{ Details: {} }]])(
    'finds none in %o',
    (raw) => {
      expect(peekContactId(raw)).toBeUndefined();
    },
  );
});
