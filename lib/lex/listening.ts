/**
 * How Lex listens at a Connect block: its own session attributes, which a block sets for all its turns and the
 * code hook may overrule for the rest of them, with Lex's defaults (reference §3.7). The flows set them, the
 * code hook lifts the menu's limit on keys, and the simulator listens by them.
 */
export const LEX_LISTENING = {
  /** `false` lets the prompt play to its end: words and keys do not cut it (barge-in). */
  allowInterrupt: 'x-amz-lex:allow-interrupt:*:*',
  /** How long Lex waits for the caller to start speaking. */
  audioStartTimeoutMs: 'x-amz-lex:audio:start-timeout-ms:*:*',
  /** The key that ends what the caller keys. */
  dtmfEndCharacter: 'x-amz-lex:dtmf:end-character:*:*',
  /** The most keys Lex takes before it stops listening. */
  dtmfMaxLength: 'x-amz-lex:dtmf:max-length:*:*',
  /** How long Lex waits for the next key, or the end key, before it takes what it has. */
  dtmfEndTimeoutMs: 'x-amz-lex:dtmf:end-timeout-ms:*:*',
} as const;

/** Lex's defaults, where neither the block nor the code hook sets the attribute. */
export const LEX_LISTENING_DEFAULTS = {
  audioStartTimeoutMs: 3000,
  dtmfEndCharacter: '#',
  dtmfMaxLength: 1024,
  dtmfEndTimeoutMs: 5000,
} as const;
