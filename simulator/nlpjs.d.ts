/** The part of NLP.js the local Lex uses, typed here because its packages ship no types. */
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
  }
  /** A new container of NLP.js's plugins, with the language-neutral ones registered. */
  export function containerBootstrap(): Container;
}

declare module '@nlpjs/nlu' {
  import type { Container } from '@nlpjs/core';

  /** NLP.js's neural intent classifier over the stems of one language. */
  export class NluNeural {
    constructor(settings: { locale: string; log: boolean }, container: Container);
    train(corpus: { utterance: string; intent: string }[]): Promise<unknown>;
    /** Intents by score, best first; `None` when no word of the utterance was in training. */
    process(utterance: string): Promise<{ classifications: { intent: string; score: number }[] }>;
  }
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}

declare module '@nlpjs/lang-ar' {
  export const LangAr: unknown;
}

declare module '@nlpjs/lang-hi' {
  export const LangHi: unknown;
}
