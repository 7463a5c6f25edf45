import type { z } from 'zod';
import type { FieldIssue } from '@govpass/shared-types';
import { AppError } from './app-error';

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError(400, 'VALIDATION_FAILED', `Invalid ${where}`, { details: toFieldIssues(result.error) });
  }
  return result.data;
}

export const parseBody = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> => parseWith(schema, body ?? {}, 'request body');
export const parseQuery = <S extends z.ZodType>(schema: S, query: unknown): z.infer<S> => parseWith(schema, query, 'query');
export const parseParams = <S extends z.ZodType>(schema: S, params: unknown): z.infer<S> => parseWith(schema, params, 'path parameters');
