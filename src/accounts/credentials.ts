/**
 * The "where are the login credentials kept" field must hold a reference (a password-manager entry, a safe), never a
 * password. The decision core's check is the one definition; the register applies it too when it is called directly.
 */
export { looksLikePassword } from '../rules/secrets';
