import type { AppConfig } from '@govpass/config';

/** The appointments config (config schema `appointments`, docs/appointments.md). */
export type AppointmentSettings = AppConfig['appointments'];

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
