/** What is wrong with a fact, without its value: values may be personal data or secrets. */
export type FactIssueKind =
  | 'invalid_type'
  | 'invalid_value'
  | 'unknown_fact'
  | 'required'
  | 'looks_like_password'
  | 'too_small'
  | 'too_big'
  | 'invalid_date'
  | 'invalid_json';

export interface FactIssue {
  field: string;
  message: string;
  kind: FactIssueKind;
  /** Allowed values, when the fact is an enumeration. */
  expected?: readonly string[];
}

export class FactsError extends Error {
  readonly code = 'facts_invalid';
  constructor(
    readonly decision: string,
    readonly issues: FactIssue[],
  ) {
    super(`Invalid facts for ${decision}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.name = 'FactsError';
  }
}

export type PackErrorCode = 'pack_invalid' | 'pack_unknown' | 'decision_unknown';

export class PackError extends Error {
  constructor(
    readonly code: PackErrorCode,
    message: string,
    /** For pack_unknown and decision_unknown: the names that exist. */
    readonly valid: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PackError';
  }
}
