import { loadPacks } from './src/rules';
import { looksLikePassword } from './src/rules/secrets';
import { randomUUID } from 'node:crypto';
(async () => {
  const packs = await loadPacks('policies');
  const s = packs.get('stockholm')!;
  const facts = { identifiablePeople: true, purpose: 'portray_individual', crowd: false, consent: 'all', consentDocumented: true, youngestAge: 9, guardianConsent: false, confidential: false, protectedIdentity: false, sensitiveCategories: [], integritySensitive: [], altText: false };
  const oa = { unit: 'Kulturförvaltningen', platform: 'Instagram', accountName: '@kultur', accountType: 'official', purpose: 'Visa kulturutbudet', linkedToPlan: true, goals: ['Fler besökare'], goalsMeasurable: true, audiences: ['Unga'], owner: 'Anna', standIn: null, monitoringDaily: true, basicInfo: ['owner_unit_and_city'], graphicProfile: true, sharedAccountConsidered: true, credentialsLocation: 'Lösenordshanteraren, valvet Kultur' };
  const time = (label: string, n: number, f: () => unknown) => { for (let i = 0; i < 5000; i++) f(); const t = performance.now(); for (let i = 0; i < n; i++) f(); console.log(label, Math.round(n / (performance.now() - t) * 1000)); };
  const now = new Date();
  time('validate publish-image', 100000, () => s.compiled['publish-image'].validate(facts, now));
  time('validate open-account', 100000, () => s.compiled['open-account'].validate(oa, now));
  time('password check 1 string', 100000, () => looksLikePassword('Lösenordshanteraren, valvet Kultur'));
  time('uuid', 100000, () => randomUUID());
  time('iso', 100000, () => now.toISOString());
  const c = s.compiled['publish-image']; const v = { ...c.constants, ...facts };
  time('rules publish-image', 100000, () => c.rules.filter((r) => r.test(v)));
})();
