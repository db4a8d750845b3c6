import type { DecisionName, LoadedPack, Reason } from '../../rules';
import type { RequestKind } from '../../requests';

/**
 * What the account flows read from a pack, in one place, with safe defaults where a pack is silent.
 * `existingAccountsNeedApproval` is not a pack setting yet: existing accounts are registered without approval.
 */
type Extra = { existingAccountsNeedApproval?: boolean };

export function approverRolesFor(pack: LoadedPack, kind: RequestKind): string[] {
  const roles = pack.settings.approverRoles;
  return kind === 'close' ? roles.closeAccount : roles.openAccount;
}

export function pedagogicalAllowed(pack: LoadedPack): boolean {
  return Boolean(pack.settings.pedagogicalAccounts || pack.settings.amendments?.pedagogicalAccounts);
}

export function existingAccountsNeedApproval(pack: LoadedPack): boolean {
  return (pack.settings as unknown as Extra).existingAccountsNeedApproval === true;
}

/** Days the closing notice stays up before the account is closed; null when the pack sets no period. */
export function closeNoticeDays(pack: LoadedPack): number | null {
  return pack.settings.closeNoticeDays ?? null;
}

/** True when some rule of the decision asks for this next step (e.g. Nyköping's "register the content first"). */
export function packUsesAction(pack: LoadedPack, decision: DecisionName, action: string): boolean {
  return (pack.compiled?.[decision]?.rules ?? []).some((rule) => rule.actions.includes(action));
}

/** The rule behind a reason (its outcome, next steps and the facts it reports missing). */
export function ruleOfReason(pack: LoadedPack, decision: DecisionName, reason: Reason) {
  return pack.compiled?.[decision]?.rules.find((rule) => rule.id === reason.rule);
}

/** The next steps of the rule behind a reason. */
export function actionsOfReason(pack: LoadedPack, decision: DecisionName, reason: Reason): readonly string[] {
  return pack.compiled?.[decision]?.rules.find((rule) => rule.id === reason.rule)?.actions ?? [];
}

export function rolesText(roles: string[]): string {
  if (roles.length <= 1) return roles[0] ?? '';
  return `${roles.slice(0, -1).join(', ')} och ${roles[roles.length - 1]}`;
}
