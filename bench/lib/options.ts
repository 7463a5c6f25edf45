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

/**
 * `--paths=a,b`: the slices to run, in the benchmark's own order; an unknown name stops the run.
 * Without the option every path but the `byNameOnly` ones (diagnostics); `always` are kept whatever
 * is named (the baseline the ratios divide by).
 */
export function pathsOption<P extends string>(all: readonly P[], opts: { always?: readonly P[]; byNameOnly?: readonly P[] } = {}): P[] {
  const arg = process.argv.slice(2).find((a) => a.startsWith('--paths='));
  if (!arg) return all.filter((p) => !opts.byNameOnly?.includes(p));
  const named = arg.slice('--paths='.length).split(',');
  const unknown = named.filter((p) => !(all as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`--paths must name some of ${all.join(',')} (got ${unknown.join(',')})`);
  return all.filter((p) => named.includes(p) || opts.always?.includes(p));
}
