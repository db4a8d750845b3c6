import type { Answer, RequestKind, RequestStatus } from '../../requests';

/** Swedish words for the approval workflow, in one place. */
export const ANSWER_LABEL: Record<Answer, string> = {
  approved: 'Godkänt',
  rejected: 'Avslaget',
  returned: 'Skickat tillbaka',
};

export const ANSWER_COLOR: Record<Answer, string> = { approved: 'Good', rejected: 'Attention', returned: 'Warning' };

export const KIND_HEADING: Record<RequestKind, string> = {
  open: 'Ansökan om nytt konto',
  register: 'Registrering av befintligt konto',
  close: 'Begäran om att avsluta konto',
};

/** "din ansökan om nytt konto", for messages to the requester. */
export const KIND_OBJECT: Record<RequestKind, string> = {
  open: 'din ansökan om nytt konto',
  register: 'din registrering av ett befintligt konto',
  close: 'din begäran om att avsluta kontot',
};

export const STATUS_LABEL: Record<RequestStatus, string> = {
  pending: 'Väntar på beslut',
  returned: 'Skickad tillbaka för komplettering',
  approved: 'Godkänd',
  rejected: 'Avslagen',
  withdrawn: 'Dragen tillbaka',
};

export const STATUS_COLOR: Record<RequestStatus, string> = {
  pending: 'Accent',
  returned: 'Warning',
  approved: 'Good',
  rejected: 'Attention',
  withdrawn: 'Default',
};

export const yesNo = (value: unknown) => (value === true ? 'Ja' : 'Nej');

export const ACCOUNT_TYPE_LABEL: Record<string, string> = { official: 'Officiellt konto', pedagogical: 'Pedagogiskt konto (tidsbegränsat)' };
