/**
 * The Lex block's bot: the local one, which runs offline from bots/ with the real code hook and real Lex V2
 * events, or the deployed one through RecognizeText (`ivr call --lex remote`). Both hold one conversation per
 * Lex block: what the caller says or keys, what the bot answers, until the bot closes an intent, which is what
 * Connect's block branches on.
 */
import {
  LexRuntimeV2Client,
  RecognizeTextCommand,
  type RecognizeTextCommandOutput,
} from '@aws-sdk/client-lex-runtime-v2';
import { type BotDefinition, FALLBACK_INTENT, loadBot } from '#lib/lex/bot.ts';
import { filledSlot, type LexResponse } from '#lib/lex/response.ts';
import type { LambdaRunner } from '#simulator/lambda.ts';
import { trainedMatcher } from '#simulator/lex-matcher.ts';
import type { CallerInput, LexResult } from '#simulator/model.ts';

export type LexOutcome =
  | { kind: 'closed'; result: LexResult }
  | { kind: 'hangup' }
  | { kind: 'no-input' }
  | { kind: 'error'; why: string };

/** The call, as the bot's conversation meets it. */
export interface LexConversation {
  contactId: string;
  localeId: string;
  sessionAttributes: Record<string, string>;
  /**
   * The caller's next input, with its time on the call; keys as Lex takes them under the conversation's
   * session attributes as they stand (its DTMF limits: the block's, or the code hook's when it set them).
   */
  listen(sessionAttributes: Readonly<Record<string, string>>): Promise<CallerInput>;
  /** Speaks a message of the bot. */
  say(message: { ssml?: string; text?: string }): void;
  /** Tells of the intent the bot understood. */
  understood(intent: string, slots: Record<string, string>): void;
}

export interface LexBot {
  converse(conversation: LexConversation): Promise<LexOutcome>;
}

/** Turns of one conversation before the simulator gives up on it. */
const MAX_TURNS = 12;

type Slots = Record<
  string,
  { value: { originalValue: string; interpretedValue: string; resolvedValues: string[] } } | null
>;

/** The bot of bots/, run offline: its intents and slots, and the code hook of template.yaml's bot alias. */
export class LocalLex implements LexBot {
  // bots/ is read, and each locale's classifier trained on its samples, once per process: every simulated call
  // needs them, and training takes a moment.
  private static bot: BotDefinition | undefined;
  private readonly bot: BotDefinition;

  constructor(
    private readonly lambdas: LambdaRunner,
    private readonly codeHook: string,
  ) {
    LocalLex.bot ??= loadBot();
    this.bot = LocalLex.bot;
  }

  async converse(conversation: LexConversation): Promise<LexOutcome> {
    const locale = this.bot.locales.find((candidate) => candidate.localeId === conversation.localeId);
    if (!locale) return { kind: 'error', why: `the bot has no locale ${conversation.localeId}` };
    const matcher = await trainedMatcher(this.bot, locale.localeId);
    let session = { ...conversation.sessionAttributes };
    let intent: { name: string; slots: Slots } | null = null;
    let awaitedSlot: string | null = null;

    for (let turn = 0; turn < MAX_TURNS; turn++) {
      const input = await conversation.listen(session);
      if (input.kind === 'hangup') return { kind: 'hangup' };
      if (input.kind === 'silence') return { kind: 'no-input' };
      const text = input.kind === 'keys' ? input.keys.replace(/#$/, '') : input.utterance;
      const inputMode = input.kind === 'keys' ? 'DTMF' : 'Speech';
      let confidence: number | null = null;
      // What Lex understood, told once the code hook answered: the hook may close another intent (a menu's key).
      let understoodSlots: Record<string, string> | null = null;
      if (intent && awaitedSlot) {
        const type = this.slotType(intent.name, awaitedSlot);
        const value = matcher.slotValue(type, text);
        if (value) intent.slots[awaitedSlot] = filledSlot(value);
      } else {
        const recognised = await matcher.recognise(text);
        confidence = recognised.intent === FALLBACK_INTENT ? null : recognised.confidence;
        intent = { name: recognised.intent, slots: this.emptySlots(recognised.intent) };
        for (const [name, value] of Object.entries(recognised.slots)) intent.slots[name] = filledSlot(value);
        understoodSlots = recognised.slots;
      }
      awaitedSlot = null;

      let source: 'DialogCodeHook' | 'FulfillmentCodeHook' =
        intent.name === FALLBACK_INTENT ? 'FulfillmentCodeHook' : 'DialogCodeHook';
      for (let hop = 0; hop < 3; hop++) {
        const event = lexEvent({
          conversation,
          locale: locale.localeId,
          bot: this.bot.name,
          source,
          inputMode,
          text,
          intent,
          session,
          confidence,
        });
        const run = await this.lambdas.run(this.codeHook, event, 30);
        if (!run.ok) return { kind: 'error', why: `the code hook failed: ${run.problem}` };
        const response = run.result as LexResponse;
        if (!response?.sessionState?.dialogAction)
          return { kind: 'error', why: 'the code hook answered no dialogAction' };
        session = response.sessionState.sessionAttributes ?? session;
        if (response.sessionState.intent)
          intent = {
            name: response.sessionState.intent.name,
            slots: response.sessionState.intent.slots as Slots,
          };
        if (understoodSlots) {
          conversation.understood(intent.name, understoodSlots);
          understoodSlots = null;
        }
        for (const message of response.messages ?? []) {
          conversation.say(
            message.contentType === 'SSML' ? { ssml: message.content } : { text: message.content },
          );
        }
        const action = response.sessionState.dialogAction;
        if (action.type === 'Close') {
          return {
            kind: 'closed',
            result: { IntentName: intent.name, Slots: slotValues(intent.slots), SessionAttributes: session },
          };
        }
        if (action.type === 'ElicitSlot') {
          awaitedSlot = action.slotToElicit ?? null;
          break;
        }
        if (action.type === 'ElicitIntent') {
          intent = null;
          break;
        }
        if (action.type === 'Delegate') {
          // Lex asks for what is still missing with the bot's own prompt, else fulfils.
          const missing = this.missingRequiredSlot(intent);
          if (missing) {
            conversation.say({ text: locale.intents[intent.name]?.slotPrompts?.[missing] ?? missing });
            awaitedSlot = missing;
            break;
          }
          source = 'FulfillmentCodeHook';
          continue;
        }
        return { kind: 'error', why: `the local bot does not run the dialog action ${action.type}` };
      }
    }
    return { kind: 'error', why: `the conversation went on for ${MAX_TURNS} turns` };
  }

  private slotsOf(intentName: string) {
    return this.bot.intents.find((intent) => intent.name === intentName)?.slots ?? [];
  }

  private slotType(intentName: string, slot: string): string {
    return (
      this.slotsOf(intentName).find((candidate) => candidate.name === slot)?.type ?? 'AMAZON.AlphaNumeric'
    );
  }

  private emptySlots(intentName: string): Slots {
    return Object.fromEntries(this.slotsOf(intentName).map((slot) => [slot.name, null]));
  }

  private missingRequiredSlot(intent: { name: string; slots: Slots }): string | undefined {
    return this.slotsOf(intent.name).find((slot) => slot.required && !intent.slots[slot.name])?.name;
  }
}

/** A Lex V2 code hook event as Lex sends it from Connect (reference §3.1). */
function lexEvent(turn: {
  conversation: LexConversation;
  locale: string;
  bot: string;
  source: 'DialogCodeHook' | 'FulfillmentCodeHook';
  inputMode: string;
  text: string;
  intent: { name: string; slots: Slots };
  session: Record<string, string>;
  confidence: number | null;
}) {
  const intent = {
    name: turn.intent.name,
    slots: turn.intent.slots,
    state: 'InProgress',
    confirmationState: 'None',
  };
  return {
    messageVersion: '1.0',
    invocationSource: turn.source,
    inputMode: turn.inputMode,
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: turn.conversation.contactId,
    inputTranscript: turn.text,
    bot: {
      id: 'LOCALBOT01',
      name: turn.bot,
      aliasId: 'LOCALALIAS',
      aliasName: 'local',
      localeId: turn.locale,
      version: 'DRAFT',
    },
    interpretations: [{ interpretationSource: 'Lex', intent, nluConfidence: turn.confidence }],
    proposedNextState: null,
    requestAttributes: {
      'x-amz-lex:accept-content-types': 'PlainText,SSML',
      'x-amz-lex:channels:platform': 'Connect',
    },
    sessionState: {
      sessionAttributes: turn.session,
      intent,
      originatingRequestId: turn.conversation.contactId,
    },
    transcriptions: [],
  };
}

function slotValues(slots: Slots | Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(slots).flatMap(([name, slot]) => {
      const value = (slot as { value?: { interpretedValue?: string } } | null)?.value?.interpretedValue;
      return value ? [[name, value]] : [];
    }),
  );
}

/** A deployed bot, through Lex's runtime API: each input one RecognizeText, until the bot closes an intent. */
export class RemoteLex implements LexBot {
  constructor(
    private readonly botId: string,
    private readonly botAliasId: string,
    private readonly client = new LexRuntimeV2Client({}),
  ) {}

  async converse(conversation: LexConversation): Promise<LexOutcome> {
    let sessionAttributes = conversation.sessionAttributes;
    for (let turn = 0; turn < MAX_TURNS; turn++) {
      const input = await conversation.listen(sessionAttributes);
      if (input.kind === 'hangup') return { kind: 'hangup' };
      if (input.kind === 'silence') return { kind: 'no-input' };
      let response: RecognizeTextCommandOutput;
      try {
        response = await this.client.send(
          new RecognizeTextCommand({
            botId: this.botId,
            botAliasId: this.botAliasId,
            localeId: conversation.localeId,
            sessionId: conversation.contactId,
            text: input.kind === 'keys' ? input.keys.replace(/#$/, '') : input.utterance,
            sessionState: { sessionAttributes },
          }),
        );
      } catch (error) {
        return { kind: 'error', why: `Lex did not answer: ${(error as Error).message}` };
      }
      for (const message of response.messages ?? []) {
        conversation.say(
          message.contentType === 'SSML' ? { ssml: message.content ?? '' } : { text: message.content ?? '' },
        );
      }
      const state = response.sessionState;
      sessionAttributes = state?.sessionAttributes ?? sessionAttributes;
      const intent = state?.intent;
      if (turn === 0 || state?.dialogAction?.type === 'ElicitIntent') {
        conversation.understood(intent?.name ?? FALLBACK_INTENT, slotValues(intent?.slots ?? {}));
      }
      if (state?.dialogAction?.type === 'Close') {
        return {
          kind: 'closed',
          result: {
            IntentName: intent?.name ?? FALLBACK_INTENT,
            Slots: slotValues(intent?.slots ?? {}),
            SessionAttributes: sessionAttributes,
          },
        };
      }
    }
    return { kind: 'error', why: `the conversation went on for ${MAX_TURNS} turns` };
  }
}
