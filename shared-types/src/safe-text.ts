import { z } from 'zod';

/*
 * Free text a client sends (names, addresses, codes, reasons): what a store can keep verbatim and a
 * page can show. A NUL was answered 200 and stored truncated on SQLite ("a\u0000b" read back as
 * "a"); a lone surrogate cannot be encoded as UTF-8 and comes back as U+FFFD from MariaDB. Both are
 * refused here, once, with 400 VALIDATION_FAILED, instead of a regex in every field.
 *
 * Searches for one offending character (no anchored pattern over the whole text), so a 2 MB CSV
 * costs one linear scan and never a backtracking stack; no lookbehind (older mini-program runtimes).
 */

/** C0 controls (tab, LF and CR included) and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f]/;
/** C0 controls and DEL, except tab, LF and CR. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

const CONTROL_MESSAGE = '含有不可见的控制字符';
const LINE_MESSAGE = '不能含有换行或不可见的控制字符';
const SURROGATE_MESSAGE = '含有无法识别的字符';

type StringParams = Parameters<typeof z.string>[0];

export function isSafeLine(text: string): boolean {
  return !CONTROL_OR_BREAK.test(text) && !LONE_SURROGATE.test(text);
}

export function isSafeMultilineText(text: string): boolean {
  return !CONTROL.test(text) && !LONE_SURROGATE.test(text);
}

function refuseUnsafe(schema: z.ZodString, control: RegExp, message: string): z.ZodString {
  return schema
    .refine((s) => !control.test(s), { message, abort: true })
    .refine((s) => !LONE_SURROGATE.test(s), { message: SURROGATE_MESSAGE, abort: true });
}

/**
 * One line of text: no control character at all (no tab, no line break). Chain trim/min/max as on
 * any `z.string()`: `safeText({ message: '请填写名称' }).trim().min(1).max(128)`.
 */
export function safeText(params?: StringParams): z.ZodString {
  return refuseUnsafe(z.string(params), CONTROL_OR_BREAK, LINE_MESSAGE);
}

/** Text that may span lines (a reason, a CSV): tab, LF and CR allowed, other controls refused. */
export function safeMultilineText(params?: StringParams): z.ZodString {
  return refuseUnsafe(z.string(params), CONTROL, CONTROL_MESSAGE);
}

export const SafeText = safeText();
export const SafeMultilineText = safeMultilineText();
