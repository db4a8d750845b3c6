/** Adaptive Card colour of a verdict: green when the user may go ahead, yellow with conditions, red when not. */
export type Tone = 'Good' | 'Warning' | 'Attention' | 'Accent' | 'Default';

const TONES: Record<string, Tone> = {
  allowed: 'Good',
  allowed_with_conditions: 'Warning',
  not_allowed: 'Attention',
  needs_assessment: 'Warning',
  remove: 'Attention',
  transfer: 'Accent',
  answer: 'Accent',
  keep: 'Good',
  register: 'Accent',
  no_registration_needed: 'Good',
  ready_for_approval: 'Good',
  incomplete: 'Warning',
  not_recommended: 'Attention',
  ready_to_close: 'Good',
  not_yet: 'Warning',
};

export function toneOf(outcome: string): Tone {
  return TONES[outcome] ?? 'Default';
}

/** The matching Container style, a softer background for the verdict. */
export function containerStyle(tone: Tone): 'good' | 'warning' | 'attention' | 'accent' | 'default' {
  return tone === 'Default' ? 'default' : (tone.toLowerCase() as 'good' | 'warning' | 'attention' | 'accent');
}
