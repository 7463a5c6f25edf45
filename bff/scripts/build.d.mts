/** Compiles one TypeScript entry point into a CommonJS bundle (see build.mjs); returns its absolute path. */
export function buildNodeEntry(entry: string, outfile: string): Promise<string>;
