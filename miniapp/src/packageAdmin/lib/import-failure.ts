import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { describeRowError } from './row-errors';

export interface RowError {
  line: number;
  message: string;
}

export interface ImportFailure {
  message: string;
  rows: RowError[];
}

/** A refused import: the plain sentence for its code, and (IMPORT_INVALID) each bad row by line, in Chinese. */
export function importFailure(error: unknown): ImportFailure {
  const raw = isApiError(error) && error.code === 'IMPORT_INVALID' && Array.isArray(error.rawDetails) ? (error.rawDetails as unknown[]) : [];
  const rows = raw
    .map((d) => d as { line?: unknown; message?: unknown })
    .filter((d) => typeof d.line === 'number' && typeof d.message === 'string')
    .map((d) => ({ line: d.line as number, message: describeRowError(d.message as string) }));
  return { message: userMessage(error), rows };
}
