export type AccountErrorCode =
  | 'invalid_input'
  | 'password_like'
  | 'not_found'
  | 'version_conflict'
  | 'already_closed';

/** A refused register operation. Messages are English; `accountErrorText` renders them in Swedish. */
export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
    readonly issues: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

export function accountErrorText(error: AccountError): string {
  switch (error.code) {
    case 'password_like':
      return error.issues.every((issue) => issue.field === 'credentialsLocation')
        ? 'Det du skrev om inloggningsuppgifterna ser ut som ett lösenord. Skriv bara var uppgifterna finns, till exempel "Lösenordshanteraren, posten Instagram Kultur". Texten har inte sparats.'
        : 'Något du skrev ser ut som ett lösenord. Texten har inte sparats – skriv aldrig lösenord här.';
    case 'not_found':
      return 'Kontot finns inte i registret.';
    case 'version_conflict':
      return 'Någon annan ändrade kontot samtidigt som du. Öppna kontot igen och gör om ändringen.';
    case 'already_closed':
      return 'Kontot är redan avslutat.';
    case 'invalid_input':
    default:
      return 'Uppgifterna om kontot är inte fullständiga.';
  }
}
