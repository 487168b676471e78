/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character set
 * (digits and upper-case letters without I, O, Z, S, V). Positions 1–17 carry weights 3^(i-1) mod 31;
 * the 18th is the check character: 31 − (Σ value × weight mod 31), where 31 counts as 0.
 */
export const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = "length" | "character" | "check";

/** The check character for the first 17 characters, or null if one of them is outside the alphabet. */
export function usccCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = usccAlphabet.indexOf(first17[i] ?? "");
    if (v < 0) return null;
    sum += v * (weights[i] as number);
  }
  return usccAlphabet[(31 - (sum % 31)) % 31] as string;
}

/** Why a code is not a valid USCC, or null when it is. Lower case is refused, not folded: the code is printed in upper case. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return "length";
  for (const c of code) if (!usccAlphabet.includes(c)) return "character";
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? null : "check";
}

export const isValidUscc = (code: string) => usccProblem(code) === null;
