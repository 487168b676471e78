/**
 * 等保2.0 (GB/T 22239-2019) level 3 identity-verification control: complex passwords.
 * Policy: at least 8 characters and at least 3 of the 4 classes upper / lower / digit / symbol.
 */
export const passwordMinLength = 8;

export type PasswordCheck = { ok: boolean; length: boolean; classes: number };

export function checkPassword(password: string): PasswordCheck {
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const length = [...password].length >= passwordMinLength;
  return { ok: length && classes >= 3, length, classes };
}
