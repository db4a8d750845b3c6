export type DecisionName = 'publish-image' | 'moderate-post' | 'register-record' | 'open-account' | 'close-account';

export const DECISION_NAMES: readonly DecisionName[] = [
  'publish-image',
  'moderate-post',
  'register-record',
  'open-account',
  'close-account',
];

export interface DecisionDefinition {
  name: DecisionName;
  /** Every outcome, most decisive first: the outcome of a decision is the most decisive among the fired rules. */
  outcomes: readonly string[];
  /** When no rule gives an outcome. */
  defaultOutcome: string;
  /** The outcome that means "facts are missing"; `missing` is only reported when the decision ends there. */
  missingOutcome?: string;
  /**
   * When the decision ends at `outcome`, the next steps of rules whose own outcome is one of `dropActionsOf`
   * no longer apply (no alt text for a picture that must not be published).
   */
  blocking?: readonly { outcome: string; dropActionsOf: readonly string[] }[];
  /** Next steps of DECISIONS.md plus the ones this product adds; a pack may add more with a label. */
  actions: readonly string[];
}

export const DECISIONS: Record<DecisionName, DecisionDefinition> = {
  'publish-image': {
    name: 'publish-image',
    outcomes: ['not_allowed', 'needs_assessment', 'allowed_with_conditions', 'allowed'],
    defaultOutcome: 'needs_assessment',
    missingOutcome: 'needs_assessment',
    blocking: [{ outcome: 'not_allowed', dropActionsOf: ['allowed_with_conditions', 'allowed'] }],
    actions: [
      'get_consent',
      'document_consent',
      'use_photo_consent_form',
      'get_guardian_consent',
      'assess_maturity',
      'get_explicit_consent',
      'remove_sensitive_details',
      'add_alt_text',
      'add_captions',
      'get_secrecy_waiver',
      'ask_data_protection_officer',
      'do_not_publish',
    ],
  },
  'moderate-post': {
    name: 'moderate-post',
    outcomes: ['remove', 'transfer', 'answer', 'keep'],
    defaultOutcome: 'keep',
    blocking: [{ outcome: 'remove', dropActionsOf: ['keep'] }],
    actions: [
      'document_screenshot',
      'register',
      'remove',
      'remove_immediately',
      'consider_police_report',
      'answer_within_deadline',
      'offer_other_channel',
      'transfer_to_case_handling',
      'keep_visible',
    ],
  },
  'register-record': {
    name: 'register-record',
    outcomes: ['register', 'no_registration_needed'],
    defaultOutcome: 'no_registration_needed',
    actions: ['register', 'keep_in_order', 'may_be_culled', 'refer_to_case_handling'],
  },
  'open-account': {
    name: 'open-account',
    outcomes: ['not_recommended', 'incomplete', 'ready_for_approval'],
    defaultOutcome: 'ready_for_approval',
    missingOutcome: 'incomplete',
    blocking: [
      { outcome: 'not_recommended', dropActionsOf: ['ready_for_approval'] },
      { outcome: 'incomplete', dropActionsOf: ['ready_for_approval'] },
    ],
    actions: [
      'send_for_approval',
      'link_purpose_to_plan',
      'set_measurable_goals',
      'identify_audiences',
      'appoint_owner',
      'appoint_stand_in',
      'arrange_daily_monitoring',
      'add_basic_info',
      'follow_graphic_profile',
      'consider_shared_account',
      'record_credentials_location',
      'complete_editor_training',
      'book_startup_meeting',
      'set_end_date',
      'apply_as_official_account',
    ],
  },
  'close-account': {
    name: 'close-account',
    outcomes: ['not_yet', 'ready_to_close'],
    defaultOutcome: 'ready_to_close',
    blocking: [{ outcome: 'not_yet', dropActionsOf: ['ready_to_close'] }],
    actions: [
      'post_closing_notice',
      'explain_why_closing',
      'refer_to_other_channels',
      'wait_for_notice_period',
      'archive_content',
      'register_content',
      'get_closing_approval',
    ],
  },
};

export function isDecisionName(value: string): value is DecisionName {
  return (DECISION_NAMES as readonly string[]).includes(value);
}

export function severity(decision: DecisionName, outcome: string): number {
  const list = DECISIONS[decision].outcomes;
  const index = list.indexOf(outcome);
  return index === -1 ? -1 : list.length - index;
}
