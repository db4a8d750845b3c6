import type { CompiledCondition } from './compile';
import type { DecisionName } from './decisions';
import type { FactSpecs } from './fact-specs';
import type { LawFloor } from './law-floor';
import type { PackDocument, PackRule } from './pack-schema';
import type { FactsValidator } from './validate-facts';

export interface Citation {
  document: string;
  section: string;
  quote?: string;
  url?: string;
}

/** A pack setting's source: the sentence of the pack's document that makes the setting. */
export type SettingCitation = { document: string; section: string; quote: string };

export interface Reason {
  rule: string;
  text: string;
  source: Citation;
}

export interface DecisionOutput {
  decisionId: string;
  decision: DecisionName;
  pack: string;
  packVersion: string;
  outcome: string;
  reasons: Reason[];
  actions: string[];
  missing: string[];
  at: string;
  deadlineHours?: number;
  approverRoles?: string[];
  earliestCloseDate?: string;
}

export interface PackDocumentInfo extends PackDocument {
  id: string;
}

export interface PackSettings {
  approverRoles: { openAccount: string[]; closeAccount: string[] };
  reportingMonths: number[];
  answerDeadline: { hours: number | null; text: string };
  closeNoticeDays: number | null;
  consentForm: { name: string } | null;
  /** Seed 004: pedagogical (class) accounts beside official ones; the same as `amendments.pedagogicalAccounts`. */
  pedagogicalAccounts: boolean;
  amendments: Record<string, boolean>;
  reminders: {
    reporting: boolean;
    closingDate: boolean;
    missingStandIn: boolean;
    pedagogicalEndDate: boolean;
    goalFollowUp: boolean;
    stillUsedQuestion?: false | SettingCitation;
    holidayPace?: false | { summer: string; christmas: string; source: SettingCitation };
  };
  timeZone: string;
  documents: PackDocumentInfo[];
}

/** One rule ready to run. */
export interface CompiledRule {
  id: string;
  priority: number;
  /** Position in its file, to keep the pack's order among equals. */
  order: number;
  outcome: string;
  severity: number;
  actions: readonly string[];
  missing: readonly string[];
  reason: Readonly<Reason>;
  test: CompiledCondition;
}

export interface CompiledDecision {
  decision: DecisionName;
  facts: FactSpecs;
  validate: FactsValidator;
  rules: CompiledRule[];
  /** Facts every run sees: `setting:*` and `amendment:*`. */
  constants: Record<string, unknown>;
}

export interface LoadedPack {
  id: string;
  /** Swedish display name. */
  name: string;
  /** sha256 of pack.json, the rule files and the law floor (not the cases, not the policy text). */
  version: string;
  dir: string;
  settings: PackSettings;
  documents: Record<string, PackDocumentInfo>;
  /** The pack's rules per decision, as json-rules-engine rules, followed by the law floor's rules it does not override. */
  rules: Record<DecisionName, PackRule[]>;
  /** Swedish labels the pack adds or overrides. */
  actionLabels: Record<string, string>;
  /** The law floor under the pack (its cases run against every pack). */
  lawFloor: LawFloor;
  /** Ready-to-run form, built once at load. */
  compiled: Record<DecisionName, CompiledDecision>;
}

export interface PackRegistry {
  get(id: string): LoadedPack | undefined;
  ids(): string[];
}
