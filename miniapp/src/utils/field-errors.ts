import type { z } from 'zod';
import type { ApiError } from '../api/api-error';

export type FieldErrorsOf<F extends string> = Partial<Record<F, string>>;

/** The first message per field of a failed parse of the shared schema (same rules as the BFF). */
export function firstIssuePerField<F extends string>(error: z.ZodError): FieldErrorsOf<F> {
  const errors: FieldErrorsOf<F> = {};
  for (const issue of error.issues) errors[issue.path[0] as F] ??= issue.message;
  return errors;
}

/** The first message of one field's own schema, for validation on blur. */
export function fieldMessage(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * The BFF's VALIDATION_FAILED details mapped onto form fields. Server paths may come as `name`,
 * `body.name` or `/idNumber`; the last segment names the field.
 */
export function serverFieldErrors<F extends string>(fields: readonly F[], error: ApiError): FieldErrorsOf<F> {
  const errors: FieldErrorsOf<F> = {};
  for (const issue of error.details) {
    const last = issue.path.split(/[./]/).filter(Boolean).pop() ?? '';
    if ((fields as readonly string[]).includes(last)) errors[last as F] ??= issue.message;
  }
  return errors;
}
