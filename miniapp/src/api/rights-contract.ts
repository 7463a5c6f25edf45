/**
 * The rights contract (sessions, privacy consent, export, deletion), imported in ONE place. In the
 * main package: the privacy popup appears on any page, 我的 lists sessions.
 */
export * from '@govpass/shared-types/src/rights';
export * from '@govpass/shared-types/src/rights-routes';
