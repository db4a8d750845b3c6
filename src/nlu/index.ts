export { INTENTS, isIntent } from './types';
export type { Intent, IntentResult, IntentRecognizer, PolicyHit, PolicyAnswer, PolicySearch } from './types';
export { createIntentRecognizer, DEFAULT_INTENT_THRESHOLD, type IntentRecognizerOptions } from './intent-recognizer';
export { createPolicySearch, SEARCH_TUNING, type ExplainablePolicySearch, type PolicyExplanation, type PolicySearchOptions } from './policy-search';
export { loadPolicyText, parsePolicyText, policyTextPath, type PolicyDocument, type PolicySection, type PolicyUnit } from './policy-document';
export { NluError, type NluErrorCode } from './errors';
export { sanitizeInput, MAX_INPUT_CHARS } from './text';
export { askPolicy, policyAskAnswerSchema, type PolicyAskAnswer } from './policy-ask';
export { splitSilenceNote } from './silence';
