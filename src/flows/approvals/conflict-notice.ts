import type { ConflictReason, RoleAlternatives } from '../../requests';
import type { Notice } from './card-view';
import { rolesText } from './pack-settings';

const WHY: Record<ConflictReason, string> = {
  requester: 'eftersom du själv har begärt den',
  owner: 'eftersom du är ansvarig för kontot',
  stand_in: 'eftersom du är ersättare för kontot',
};

/**
 * The refusal a person gets who may not decide because of jäv, with who else can: the other approvers of the role,
 * or, when there is none, that the admins and the communications unit have been told (`told`) or should be asked.
 */
export function conflictNotice(reason: ConflictReason, alternatives: RoleAlternatives[], unit: string, told: boolean): Notice {
  const others = alternatives.map(({ role, people }) =>
    people.length > 0
      ? `${rolesText(people.map((p) => p.name))} kan besluta som ${role}.`
      : `Det finns ingen annan godkännare för ${role} i ${unit}. ` +
        (told ? 'Jag har bett administratörerna och kommunikationsenheten att utse någon.' : 'Be en administratör att lägga till en godkännare för rollen.'),
  );
  return {
    style: 'attention',
    text: [
      `Du kan inte besluta om den här begäran ${WHY[reason]}.`,
      'Enligt förvaltningslagen (16 § om jäv) får ingen besluta i ett ärende som hen själv har begärt eller som rör hen personligen.',
      ...others,
      'Inget har registrerats.',
    ].join(' '),
  };
}

/** The roles nobody without jäv can answer for: the admins must appoint someone. */
export function rolesWithoutAlternative(alternatives: RoleAlternatives[]): string[] {
  return alternatives.filter((a) => a.people.length === 0).map((a) => a.role);
}
