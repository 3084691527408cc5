/** Greatest common divisor of two non-negative integers. */
export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Least common multiple of positive integers (1 for none). */
export function lcm(...values: number[]): number {
  return values.reduce((a, b) => (a / gcd(a, b)) * b, 1);
}
