import { z } from 'zod';
import { DECISION_NAMES, type DecisionName } from './decisions';
import { factSpecSchema } from './fact-specs';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and "-"');
const factName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'use a camelCase name');
const decisionName = z.enum(DECISION_NAMES as [DecisionName, ...DecisionName[]]);

export const packDocumentSchema = z
  .object({
    title: z.string().min(1),
    kind: z.enum(['policy', 'routine', 'remiss', 'law', 'guidance']),
    url: z.string().url().optional(),
    /** Who decided it and when, as the document says. */
    decided: z.string().optional(),
  })
  .strict();

const settingCitation = z.object({ document: id, section: z.string().min(1), quote: z.string().min(1) }).strict();
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'use MM-DD');

export const packSettingsSchema = z
  .object({
    approverRoles: z.object({ openAccount: z.array(z.string().min(1)).min(1), closeAccount: z.array(z.string().min(1)).min(1) }).strict(),
    reportingMonths: z.array(z.number().int().min(1).max(12)),
    answerDeadline: z.object({ hours: z.number().int().positive().nullable(), text: z.string().min(1) }).strict(),
    closeNoticeDays: z.number().int().min(0).nullable(),
    consentForm: z.object({ name: z.string().min(1) }).strict().nullable(),
    /** Changes proposed in the remiss answers, on or off; rules read them as facts `amendment:<name>`. */
    amendments: z.record(factName, z.boolean()),
    reminders: z
      .object({
        reporting: z.boolean(),
        closingDate: z.boolean(),
        missingStandIn: z.boolean(),
        pedagogicalEndDate: z.boolean(),
        goalFollowUp: z.boolean(),
        /** The reporting round asks whether each account is still used, citing the pack's rule; false: not asked. */
        stillUsedQuestion: z.union([z.literal(false), settingCitation]).optional(),
        /** Before summer and Christmas (local `MM-DD`), remind owners to announce a lower posting pace; false: off. */
        holidayPace: z.union([z.literal(false), z.object({ summer: monthDay, christmas: monthDay, source: settingCitation }).strict()]).optional(),
      })
      .strict(),
    timeZone: z.string().default('Europe/Stockholm'),
  })
  .strict();

export const packFileSchema = z
  .object({
    id,
    /** Swedish display name, e.g. "Stockholms stad". */
    name: z.string().min(1),
    description: z.string().optional(),
    documents: z.record(id, packDocumentSchema),
    settings: packSettingsSchema,
    /** Facts a pack adds to a decision (DECISIONS.md: a pack may add facts, never rename them). */
    extraFacts: z.record(decisionName, z.record(factName, factSpecSchema)).optional(),
    /** Swedish labels for next steps the pack adds, or to override the standard wording. */
    actionLabels: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.string().min(1)).optional(),
  })
  .strict();

export type PackFile = z.infer<typeof packFileSchema>;
export type PackDocument = z.infer<typeof packDocumentSchema>;
export type PackSettingsFile = z.infer<typeof packSettingsSchema>;

export interface FactCondition {
  fact: string;
  operator: string;
  value: unknown;
  name?: string;
  priority?: number;
}
export type Condition = { all: Condition[]; name?: string } | { any: Condition[]; name?: string } | { not: Condition; name?: string } | FactCondition;
export type TopLevelCondition = Exclude<Condition, FactCondition>;

const factCondition: z.ZodType<FactCondition> = z
  .object({
    fact: z.string().min(1),
    operator: z.string().min(1),
    value: z.unknown().refine((v) => v !== undefined, 'required'),
    name: z.string().optional(),
    priority: z.number().int().positive().optional(),
  })
  .strict() as z.ZodType<FactCondition>;

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1), name: z.string().optional() }).strict(),
    z.object({ any: z.array(conditionSchema).min(1), name: z.string().optional() }).strict(),
    z.object({ not: conditionSchema, name: z.string().optional() }).strict(),
    factCondition,
  ]),
) as z.ZodType<Condition>;

const topLevelCondition = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1), name: z.string().optional() }).strict(),
    z.object({ any: z.array(conditionSchema).min(1), name: z.string().optional() }).strict(),
    z.object({ not: conditionSchema, name: z.string().optional() }).strict(),
  ]),
) as z.ZodType<TopLevelCondition>;

export const citationRefSchema = z
  .object({
    /** Key of `documents` in pack.json. */
    document: id,
    section: z.string().min(1),
    /** Verbatim from the document. */
    quote: z.string().min(1).optional(),
  })
  .strict();

/** A json-rules-engine rule; `name` is the rule id and the event carries the explanation. */
export const ruleSchema = z
  .object({
    name: id,
    priority: z.number().int().min(1).max(1000).default(1),
    /** Id of the law-floor rule this rule replaces; the loader proves it is at least as strict (PACKS.md). */
    overridesLaw: id.optional(),
    conditions: topLevelCondition,
    event: z
      .object({
        type: z.string().min(1),
        params: z
          .object({
            outcome: z.string().min(1),
            actions: z.array(z.string()).default([]),
            /** Facts this rule needs; reported as `missing` when they were not given. */
            missing: z.array(z.string()).default([]),
            /** Swedish sentence for the user. */
            text: z.string().min(1),
            source: citationRefSchema,
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

export type PackRule = z.infer<typeof ruleSchema>;

export const ruleFileSchema = z.object({ decision: decisionName, rules: z.array(z.unknown()) }).strict();

export const packCaseSchema = z
  .object({
    name: z.string().min(1),
    facts: z.record(z.unknown()),
    /** Evaluation time, ISO; default 2025-01-15T10:00:00+01:00 so that cases never depend on the clock. */
    now: z.string().datetime({ offset: true }).optional(),
    /** Remiss amendments switched for this case only, so that rules behind a switch are tested too. */
    amendments: z.record(z.boolean()).optional(),
    expect: z
      .object({
        outcome: z.string().min(1),
        /** Exactly the rules that fire, in any order. */
        rules: z.array(z.string()),
        actions: z.array(z.string()).optional(),
        missing: z.array(z.string()).optional(),
        earliestCloseDate: z.string().optional(),
      })
      .strict(),
  })
  .strict();

export type PackCase = z.infer<typeof packCaseSchema>;

export const caseFileSchema = z.object({ decision: decisionName, cases: z.array(packCaseSchema).min(1) }).strict();

/** `law-floor/floor.json`: the documents the floor's rules cite (statutes, GDPR, IMY). */
export const floorFileSchema = z
  .object({
    description: z.string().optional(),
    documents: z.record(id, packDocumentSchema.refine((d) => d.kind === 'law' || d.kind === 'guidance', 'the floor cites only law and guidance')),
  })
  .strict();

/**
 * A law-floor case runs against every pack, whose own rules fire too: it names the floor rules that must fire
 * (or the pack rule that overrides them), the least decisive outcome allowed and next steps that must be there.
 */
export const floorCaseSchema = z
  .object({
    name: z.string().min(1),
    facts: z.record(z.unknown()),
    now: z.string().datetime({ offset: true }).optional(),
    expect: z
      .object({
        /** Exactly the floor rules that fire, in any order. */
        rules: z.array(z.string()),
        /** The outcome must be this one or more decisive. */
        outcomeAtLeast: z.string().min(1),
        /** Next steps that must be among the actions. */
        actionsInclude: z.array(z.string()).optional(),
      })
      .strict(),
  })
  .strict();

export type FloorCase = z.infer<typeof floorCaseSchema>;

export const floorCaseFileSchema = z.object({ decision: decisionName, cases: z.array(floorCaseSchema).min(1) }).strict();
