import { describe, expect, it } from 'vitest';
import { looksLikePassword } from './credentials';

describe('the credentials guard', () => {
  it.each([
    'lösenord: Sommar2026!',
    'Lösenordet är hemLigt',
    'password=abc123',
    'pw: kultur#1',
    'Inlogg kulturhuset / Sommar2026!',
  ])('refuses %j as a password', (text) => {
    expect(looksLikePassword(text)).toBe(true);
  });

  it.each([
    'Lösenordshanteraren, posten "Instagram Kulturhuset Ung"',
    '1Password: Kommunikation / Instagram',
    'Kassaskåpet på kommunikationsenheten, pärm 3',
    'https://vault.stockholm.se/item/8f2c-41aa',
    'Lösenordet är sparat i Keepass hos IT',
  ])('accepts the reference %j', (text) => {
    expect(looksLikePassword(text)).toBe(false);
  });
});
