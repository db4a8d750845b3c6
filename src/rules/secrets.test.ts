import { describe, expect, it } from 'vitest';
import { looksLikePassword } from './secrets';

describe('looksLikePassword', () => {
  it.each([
    'lösenord: hemligt',
    'Lösenordet är Sommar2024!',
    'password=hunter2',
    'pw Hej123!',
    'login admin, pass: abc',
    'PIN: 4512',
    'koden är: 1234',
    'Xk9#mP2$vL',
    'Sommar2024!',
    'användare kommunen, lösenord Vinter#99',
  ])('refuses %j', (text) => {
    expect(looksLikePassword(text)).toBe(true);
  });

  it.each([
    'I lösenordshanteraren Bitwarden, posten "Instagram skolan"',
    'Lösenordet finns i 1Password, valvet Sociala medier',
    'password manager entry Team-IG-2',
    'Hos IT-avdelningen, kassaskåpet plan 3',
    'IT-valvet/IG-2024',
    'Kommunikationsavdelningen',
    'Bitwarden:IG-2',
    'Mål 1: 20 % fler följare 2025',
    'QR-koden på affischen',
    '',
  ])('accepts %j', (text) => {
    expect(looksLikePassword(text)).toBe(false);
  });
});
