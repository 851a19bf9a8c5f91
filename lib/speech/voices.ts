/**
 * The Polly voice for each locale we speak (reference §4.5, Polly's available-voices table). All four are
 * neural: the South Asian and Gulf voices have no other engine, and a neural British voice matches them.
 * Generative voices would cost extra in Connect and accept less SSML.
 */
import type { Locale } from '#lib/markets.ts';
import type { Engine } from '#lib/speech/ssml-check.ts';

export interface Voice {
  /** Polly's VoiceId, as Connect's Set voice block names it. */
  voiceId: string;
  engine: Engine;
  /** Polly's LanguageCode: Kajal speaks English and Hindi, and needs hi-IN to speak Hindi. */
  languageCode: string;
}

const VOICES: Readonly<Record<Locale, Voice>> = {
  'en-GB': { voiceId: 'Amy', engine: 'neural', languageCode: 'en-GB' },
  'en-IN': { voiceId: 'Kajal', engine: 'neural', languageCode: 'en-IN' },
  'hi-IN': { voiceId: 'Kajal', engine: 'neural', languageCode: 'hi-IN' },
  'ar-AE': { voiceId: 'Hala', engine: 'neural', languageCode: 'ar-AE' },
};

/** The voice that speaks `locale`; its engine decides which SSML we may send. */
export function voiceFor(locale: Locale): Voice {
  return VOICES[locale];
}
