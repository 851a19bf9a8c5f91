/** `ivr call --lex remote`: the Lex block's conversation with a deployed bot, through RecognizeText. */
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseInput } from '#simulator/caller.ts';
import { type LexConversation, RemoteLex } from '#simulator/lex.ts';
import type { CallerInput } from '#simulator/model.ts';

const lex = mockClient(LexRuntimeV2Client);
beforeEach(() => lex.reset());

/** A conversation in which the caller gives `inputs`, keeping what the bot said and understood. */
function conversation(inputs: string[]) {
  const queue: CallerInput[] = inputs.map(parseInput);
  const said: string[] = [];
  const understood: string[] = [];
  const talk: LexConversation = {
    contactId: 'c0ffee00-0000-4000-8000-000000000001',
    localeId: 'en_GB',
    sessionAttributes: { callerNumber: '+447400123456' },
    listen: async () => queue.shift() ?? { kind: 'hangup' },
    say: (message) => said.push(message.ssml ?? message.text ?? ''),
    understood: (intent) => understood.push(intent),
  };
  return { talk, said, understood };
}

describe('RemoteLex', () => {
  it('sends what the caller says to the bot alias, with the session, until the bot closes an intent', async () => {
    lex
      .on(RecognizeTextCommand)
      .resolvesOnce({
        messages: [{ contentType: 'SSML', content: '<speak>What is the order number?</speak>' }],
        sessionState: {
          dialogAction: { type: 'ElicitSlot', slotToElicit: 'OrderNumber' },
          intent: { name: 'RefundStatus', state: 'InProgress' },
        },
      })
      .resolvesOnce({
        messages: [{ contentType: 'SSML', content: '<speak>We have paid your refund.</speak>' }],
        sessionState: {
          dialogAction: { type: 'Close' },
          intent: {
            name: 'RefundStatus',
            state: 'Fulfilled',
            slots: {
              OrderNumber: {
                value: { originalValue: '30000002', interpretedValue: '30000002', resolvedValues: [] },
              },
            },
          },
          sessionAttributes: { orderNumber: '30000002' },
        },
      });
    const { talk, said, understood } = conversation(['say:where is my refund', 'dtmf:30000002#']);

    const outcome = await new RemoteLex(
      'BOTID12345',
      'ALIASID123',
      new LexRuntimeV2Client({ region: 'eu-west-2' }),
    ).converse(talk);

    expect(outcome).toEqual({
      kind: 'closed',
      result: {
        IntentName: 'RefundStatus',
        Slots: { OrderNumber: '30000002' },
        SessionAttributes: { orderNumber: '30000002' },
      },
    });
    expect(said).toEqual([
      '<speak>What is the order number?</speak>',
      '<speak>We have paid your refund.</speak>',
    ]);
    expect(understood).toEqual(['RefundStatus']);
    const requests = lex.commandCalls(RecognizeTextCommand).map((request) => request.args[0].input);
    expect(requests).toEqual([
      expect.objectContaining({
        botId: 'BOTID12345',
        botAliasId: 'ALIASID123',
        localeId: 'en_GB',
        sessionId: talk.contactId,
        text: 'where is my refund',
        sessionState: { sessionAttributes: { callerNumber: '+447400123456' } },
      }),
      expect.objectContaining({ text: '30000002' }),
    ]);
  });

  it('ends the block on its error branch when Lex does not answer', async () => {
    lex.on(RecognizeTextCommand).rejects(new Error('AccessDeniedException'));
    const { talk } = conversation(['say:hello']);

    const outcome = await new RemoteLex(
      'BOTID12345',
      'ALIASID123',
      new LexRuntimeV2Client({ region: 'eu-west-2' }),
    ).converse(talk);

    expect(outcome).toEqual({ kind: 'error', why: 'Lex did not answer: AccessDeniedException' });
  });

  it('tells the block the caller said nothing, without asking Lex', async () => {
    const { talk } = conversation(['silence']);

    const outcome = await new RemoteLex(
      'BOTID12345',
      'ALIASID123',
      new LexRuntimeV2Client({ region: 'eu-west-2' }),
    ).converse(talk);

    expect(outcome).toEqual({ kind: 'no-input' });
    expect(lex.commandCalls(RecognizeTextCommand)).toHaveLength(0);
  });
});
