/** `--name=N` from the command line, an integer in [min, max], else `fallback`. */
export function intOption(name: string, fallback: number, min: number, max: number): number {
  const hit = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  const v = hit ? Number(hit.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name} must be an integer in [${min}, ${max}]`);
  return v;
}

/** The options every slice benchmark takes: rounds, slice and warm-up seconds, wrk's load. */
export function sliceOptions() {
  return {
    rounds: intOption('rounds', 5, 1, 20),
    sliceSec: intOption('slice', 4, 1, 60),
    warmupSec: intOption('warmup', 2, 0, 60),
    connections: intOption('connections', 32, 1, 1024),
    threads: intOption('threads', 1, 1, 8),
  };
}
export type SliceOptions = ReturnType<typeof sliceOptions>;
