import { isApiError } from '../api/api-error';
import { userMessage } from '../api/error-messages';

export interface LineError {
  line: number;
  message: string;
}

export interface ImportFailure {
  message: string;
  lines: LineError[];
}

/**
 * A refused CSV import (all rows or none were imported): the plain sentence for its code and, for
 * IMPORT_INVALID (`details: [{line, message}]`, or `{issues: […]}`), each bad row by line;
 * `describe` puts a row's message in words its reader knows (the pharmacy import's are English).
 */
export function importFailure(error: unknown, describe: (message: string) => string = (m) => m): ImportFailure {
  return { message: userMessage(error), lines: lineErrorsOf(error).map((l) => ({ line: l.line, message: describe(l.message) })) };
}

function lineErrorsOf(error: unknown): LineError[] {
  if (!isApiError(error) || error.code !== 'IMPORT_INVALID') return [];
  const raw = Array.isArray(error.rawDetails) ? error.rawDetails : (error.rawDetails as { issues?: unknown })?.issues;
  if (!Array.isArray(raw)) return [];
  return raw
    .map((d) => d as { line?: unknown; message?: unknown })
    .filter((d) => typeof d.line === 'number' && typeof d.message === 'string')
    .map((d) => ({ line: d.line as number, message: d.message as string }));
}
