/** Small number helpers the benchmarks print with. */
export function median(xs: number[]): number {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
export const r2 = (x: number) => Math.round(x * 100) / 100;
export const r0 = (x: number) => Math.round(x);
export const pad = (s: string | number, n: number) => String(s).padStart(n);
/** A status mix as `200:12 409:3`. */
export const mix = (s: Record<string, number>) =>
  Object.entries(s)
    .sort()
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');
export function nullIfNaN(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
