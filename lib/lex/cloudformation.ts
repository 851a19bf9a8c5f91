/**
 * The AWS::Lex::Bot of template.yaml made from bots/ (reference §3.6): `npx ivr bot template` writes it
 * between the markers in template.yaml, and a test keeps the two the same. Intents of the bot call the code
 * hook for dialog and fulfilment; slot prompts come from the locale files.
 */
import type { BotDefinition, LocaleDefinition } from '#lib/lex/bot.ts';

/** Retries Lex makes for a slot before it falls back. */
const SLOT_RETRIES = 2;

export function botLocales(bot: BotDefinition): unknown[] {
  return bot.locales.map((locale) => ({
    LocaleId: locale.localeId,
    NluConfidenceThreshold: locale.nluConfidenceThreshold,
    VoiceSettings: { VoiceId: locale.voice.voiceId, Engine: locale.voice.engine },
    SlotTypes: bot.slotTypes.map((type) => slotType(type, locale)),
    Intents: bot.intents.map((intent) => {
      if (intent.parent)
        return {
          Name: intent.name,
          ParentIntentSignature: intent.parent,
          FulfillmentCodeHook: { Enabled: true },
        };
      const words = locale.intents[intent.name];
      return {
        Name: intent.name,
        Description: intent.description.slice(0, 200),
        SampleUtterances: (words?.utterances ?? []).map((utterance) => ({ Utterance: utterance })),
        DialogCodeHook: { Enabled: true },
        FulfillmentCodeHook: { Enabled: true },
        Slots: intent.slots.map((slot) => ({
          Name: slot.name,
          SlotTypeName: slot.type,
          ValueElicitationSetting: {
            SlotConstraint: slot.required ? 'Required' : 'Optional',
            PromptSpecification: {
              MessageGroupsList: [
                { Message: { PlainTextMessage: { Value: words?.slotPrompts?.[slot.name] ?? slot.name } } },
              ],
              MaxRetries: SLOT_RETRIES,
              AllowInterrupt: true,
            },
          },
        })),
        SlotPriorities: intent.slots.map((slot, index) => ({ Priority: index + 1, SlotName: slot.name })),
      };
    }),
  }));
}

function slotType(type: BotDefinition['slotTypes'][number], locale: LocaleDefinition): unknown {
  if (type.parent) {
    return {
      Name: type.name,
      Description: type.description,
      ParentSlotTypeSignature: type.parent,
      ValueSelectionSetting: { ResolutionStrategy: 'ORIGINAL_VALUE', RegexFilter: { Pattern: type.regex } },
    };
  }
  return {
    Name: type.name,
    Description: type.description,
    SlotTypeValues: (locale.slotTypeValues[type.name] ?? []).map(({ value, synonyms }) => ({
      SampleValue: { Value: value },
      Synonyms: synonyms.map((synonym) => ({ Value: synonym })),
    })),
    ValueSelectionSetting: { ResolutionStrategy: 'TOP_RESOLUTION' },
  };
}
