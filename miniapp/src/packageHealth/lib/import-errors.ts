import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';

export interface LineError {
  line: number;
  message: string;
}

/** IMPORT_INVALID answers carry `details: [{line, message}]` (all rows or none were imported). */
export function lineErrorsOf(error: unknown): LineError[] {
  if (!isApiError(error) || error.code !== 'IMPORT_INVALID') return [];
  const raw = Array.isArray(error.rawDetails) ? error.rawDetails : (error.rawDetails as { issues?: unknown })?.issues;
  if (!Array.isArray(raw)) return [];
  return raw
    .map((d) => d as { line?: unknown; message?: unknown })
    .filter((d) => typeof d.line === 'number')
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- row messages are strings by the contract (shared-types health.ts: details [{line, message}])
    .map((d) => ({ line: d.line as number, message: String(d.message ?? '') }));
}

export interface ImportFailure {
  message: string;
  lines: LineError[];
}

export function importFailure(error: unknown): ImportFailure {
  return { message: userMessage(error), lines: lineErrorsOf(error) };
}
