/** What the rest of the IVR needs from speech: replies as checked `<speak>` documents, and the voices. */
export {
  FLOW_PROMPT_NAMES,
  type FlowPromptName,
  flowPromptSsml,
  isFlowPromptName,
  languageOffer,
  type StaticPrompt,
  staticFlowPrompts,
} from '#lib/speech/flow-prompts.ts';
export {
  type BotPromptKey,
  botSsml,
  deliveryDateSsml,
  orderStatusSsml,
  promptSsml,
  refundSsml,
  returnSsml,
} from '#lib/speech/order-speech.ts';
export { speakingSeconds } from '#lib/speech/speaking-time.ts';
export { checkSsml, type Engine, SsmlError } from '#lib/speech/ssml-check.ts';
export { transcript } from '#lib/speech/transcript.ts';
export { voiceFor } from '#lib/speech/voices.ts';
export { callbackBookedSsml, queueWaitSsml } from '#lib/speech/wait-speech.ts';
