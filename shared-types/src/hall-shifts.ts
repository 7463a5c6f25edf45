import { z } from 'zod';
import { HallParams, WindowParams } from './halls';
import type { OperationContract } from './routes';
import { HALL_STAFF } from './hall-queue-routes';

/*
 * Window shifts (上岗): a window staff member works at one window at a time. Signing in at a window
 * holds it for the China-time day until signing out; a second window is refused
 * (409 SIGNED_IN_ELSEWHERE) and so is a window another colleague holds (409 WINDOW_TAKEN), unless
 * the sign-in asks to take over, which releases the other sign-ins (audited). Console steps by a
 * window staff member who has not signed in sign them in at that window first.
 */

export const SignInWindowRequest = z.object({
  /** Release this account's other window and any colleague's hold on this one (audited). */
  takeOver: z.boolean().default(false),
});
export type SignInWindowRequest = z.input<typeof SignInWindowRequest>;

export const WindowShift = z.object({
  accountId: z.string(),
  hallId: z.string(),
  windowId: z.string(),
  windowNumber: z.number().int(),
  windowName: z.string(),
  /** China-time day the sign-in holds for (YYYY-MM-DD). */
  day: z.string(),
  signedInAt: z.string(),
});
export type WindowShift = z.infer<typeof WindowShift>;

export const WindowShiftResponse = z.object({ shift: WindowShift.nullable() });
export type WindowShiftResponse = z.infer<typeof WindowShiftResponse>;

export const HallShiftsResponse = z.object({ items: z.array(WindowShift) });
export type HallShiftsResponse = z.infer<typeof HallShiftsResponse>;

const SHIFT_ERRORS = { 403: ['NOT_YOUR_HALL'], 404: ['WINDOW_NOT_FOUND'], 409: ['SIGNED_IN_ELSEWHERE', 'WINDOW_TAKEN'] } as const;

export const hallShiftRoutes = {
  myWindowShift: {
    method: 'GET',
    path: '/api/v1/window-shifts/mine',
    summary: "The window the caller is signed in at today (null when none)",
    auth: true,
    roles: [...HALL_STAFF],
    response: WindowShiftResponse,
  },
  hallWindowShifts: {
    method: 'GET',
    path: '/api/v1/halls/:hallId/window-shifts',
    summary: "Who is signed in at which window of the hall today (the hall's staff)",
    auth: true,
    roles: [...HALL_STAFF],
    params: HallParams,
    response: HallShiftsResponse,
    errors: { 403: ['NOT_YOUR_HALL'] },
  },
  signInWindow: {
    method: 'POST',
    path: '/api/v1/windows/:windowId/sign-in',
    summary: 'Sign in at a window for today (one window per staff member; takeOver releases the others, audited)',
    auth: true,
    roles: [...HALL_STAFF],
    params: WindowParams,
    body: SignInWindowRequest,
    response: WindowShiftResponse,
    errors: SHIFT_ERRORS,
  },
  signOutWindow: {
    method: 'POST',
    path: '/api/v1/windows/:windowId/sign-out',
    summary: "Sign out of a window (the caller's own sign-in; audited)",
    auth: true,
    roles: [...HALL_STAFF],
    params: WindowParams,
    response: WindowShiftResponse,
    errors: { 403: ['NOT_YOUR_HALL'], 404: ['WINDOW_NOT_FOUND'] },
  },
} as const satisfies Record<string, OperationContract>;
