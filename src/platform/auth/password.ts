// Password hashing with argon2id (OWASP's recommended parameters), and generation of strong passwords.
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AppError } from '../http/errors.ts';

/** 2 = Argon2id (a const enum in the typings, which verbatimModuleSyntax cannot import). */
const options = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal which part was wrong. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export function generatePassword(): string {
  // 16 characters from an unambiguous alphabet: ~93 bits.
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** ASVS 2.1.1: at least 12 characters (the web form and the API contract say the same). */
export const MIN_PASSWORD_LENGTH = 12;

let commonPasswords: Set<string> | undefined;
function isCommon(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l && !l.startsWith('#')),
  );
  return commonPasswords.has(password.toLowerCase());
}

/**
 * Why a new password is refused, or null when it is acceptable: too short, on the common-passwords list (ASVS 2.1.7),
 * the username itself, or made of fewer than four distinct characters ("111111111111", "abababababab").
 */
export function passwordProblem(password: string, username?: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}位`;
  if (isCommon(password)) return '密码过于常见，请换一个';
  if (username && password.toLowerCase().includes(username.toLowerCase()) && username.length >= 3)
    return '密码不能包含用户名';
  if (new Set(password).size < 4) return '密码过于简单，请换一个';
  return null;
}

/** Throws 400 VALIDATION on `path` when the password is not acceptable. */
export function checkPassword(password: string, path: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('VALIDATION', problem, [{ path, message: problem }]);
}
