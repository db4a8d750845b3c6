export { DECISION_NAMES, DECISIONS, isDecisionName, type DecisionName, type DecisionDefinition } from './decisions';
export { FactsError, PackError, type FactIssue, type FactIssueKind, type PackErrorCode } from './errors';
export { evaluate, evaluateDetailed, evaluateWithEngine, type DetailedDecision } from './evaluate';
export { loadPack, loadPacks, registryOf } from './pack-loader';
export { looksLikePassword, secretFields, withoutSecrets } from './secrets';
export { actionLabel, factLabel, factsErrorText, outcomeLabel } from './labels';
export { BASE_FACTS, type FactSpec, type FactSpecs } from './fact-specs';
export type {
  Citation,
  CompiledDecision,
  DecisionOutput,
  LoadedPack,
  PackDocumentInfo,
  PackRegistry,
  PackSettings,
  Reason,
} from './types';
