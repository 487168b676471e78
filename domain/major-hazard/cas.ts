/** A CAS Registry Number as written: 2–7 digits, 2 digits, 1 check digit (7664-41-7). */
export const casPattern = /^\d{2,7}-\d{2}-\d$/;

/**
 * The CAS check digit: the other digits, read from the right, weighted 1, 2, 3, …, summed, mod 10
 * (7664-41-7: 1·1 + 4·2 + 4·3 + 6·4 + 6·5 + 7·6 = 117 → 7).
 */
export function casCheckDigitValid(cas: string): boolean {
  if (!casPattern.test(cas)) return false;
  const digits = cas.replace(/-/g, "");
  const body = digits.slice(0, -1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i + 1);
  return sum % 10 === Number(digits.slice(-1));
}
