/** What the rest of the IVR needs from speech: replies as checked `<speak>` documents, and the voices. */
export {
  FLOW_PROMPT_NAMES,
  type FlowPromptName,
  flowPromptSsml,
  isFlowPromptName,
  languageOffer,
  type StaticPrompt,
  staticFlowPrompts,
} from './flow-prompts.ts';
export {
  type BotPromptKey,
  botSsml,
  orderStatusSsml,
  promptSsml,
  refundSsml,
  returnSsml,
} from './order-speech.ts';
export { speakingSeconds } from './speaking-time.ts';
export { checkSsml, type Engine, SsmlError } from './ssml-check.ts';
export { transcript } from './transcript.ts';
export { voiceFor } from './voices.ts';
export { callbackBookedSsml, queueWaitSsml } from './wait-speech.ts';
