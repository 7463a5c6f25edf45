import { z } from 'zod';
import { AppError } from '../../../core/app-error';
import { toFieldIssues } from '../../../core/validate';

/**
 * Validates request headers named in a route contract (lower-case names); a missing or bad header
 * is a 400 VALIDATION_FAILED in the one error shape, with the header's name as the path.
 */
// Building and compiling a z.object costs ~30 µs; the shapes are module constants, so build each once.
const compiled = new WeakMap<Record<string, z.ZodType>, z.ZodType>();

function objectOf(shape: Record<string, z.ZodType>): z.ZodType {
  let schema = compiled.get(shape);
  if (!schema) {
    schema = z.object(shape);
    compiled.set(shape, schema);
  }
  return schema;
}

export function parseHeaders<S extends Record<string, z.ZodType>>(shape: S, get: (name: string) => string): { [K in keyof S]: z.infer<S[K]> } {
  const values = Object.fromEntries(Object.keys(shape).map((name) => [name, get(name) || undefined]));
  const result = objectOf(shape).safeParse(values);
  if (!result.success) throw new AppError(400, 'VALIDATION_FAILED', 'Invalid request headers', { details: toFieldIssues(result.error) });
  return result.data as { [K in keyof S]: z.infer<S[K]> };
}
