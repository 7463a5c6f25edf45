import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { AuditLog } from '../audit/audit-log';
import type { AppConfig } from '@govpass/config';
import type { MiniCodePlatform } from '@govpass/shared-types';
import type { RoleService } from '../roles/role-service';
import { AlipayMiniCodeProvider } from './alipay-mini-code-provider';
import { entryPages, type VerifyFile } from './entry-pages';
import { EntryService } from './entry-service';
import type { MiniCodeProvider } from './mini-code-provider';
import { MiniCodeService } from './mini-code-service';
import type { PlaceLookups } from './scan-entry-ports';
import { scanEntryRouter } from './scan-entry-routes';
import { WechatMiniCodeProvider, type AccessTokenSource } from './wechat-mini-code-provider';

export interface ScanEntryDeps {
  config: AppConfig;
  /** Name and address of places by kind; kinds without one are not checked (docs/scan-entry.md). */
  places: PlaceLookups;
  /** WeChat's access token (one per process); null when WeChat is not configured. */
  wechatToken: AccessTokenSource | null;
  roles: RoleService;
  audit: AuditLog;
  authenticate: Middleware;
  fetchImpl?: typeof fetch;
  now: () => number;
}

export interface ScanEntryDomain {
  router: Router;
  /** `/s/…` and the verification files, before the static H5 files. */
  pages: Router;
  services: { entries: EntryService; miniCodes: MiniCodeService };
}

/** Mini-program codes for a platform exactly when its login is configured (the same credentials). */
function miniCodeProviders(deps: ScanEntryDeps): Partial<Record<MiniCodePlatform, MiniCodeProvider>> {
  const { auth, scanEntry } = deps.config;
  const providers: Partial<Record<MiniCodePlatform, MiniCodeProvider>> = {};
  if (deps.wechatToken && auth.wechat.appId && auth.wechat.secret) {
    providers.weapp = new WechatMiniCodeProvider(auth.wechat, deps.wechatToken, { page: scanEntry.miniCodes.page, envVersion: scanEntry.miniCodes.weappEnvVersion }, deps.fetchImpl);
  }
  if (auth.alipay.appId && auth.alipay.privateKey && auth.alipay.alipayPublicKey) {
    providers.alipay = new AlipayMiniCodeProvider(auth.alipay, scanEntry.miniCodes.page, deps.fetchImpl, deps.now);
  }
  return providers;
}

export function buildScanEntryDomain(deps: ScanEntryDeps): ScanEntryDomain {
  const { scanEntry } = deps.config;
  const entries = new EntryService(deps.places, scanEntry.publicBaseUrl);
  const miniCodes = new MiniCodeService(miniCodeProviders(deps), entries, scanEntry.miniCodes.cacheTtlSeconds * 1000, deps.now);
  const verifyFiles = [scanEntry.wechatVerifyFile, scanEntry.alipayVerifyFile].filter((f): f is VerifyFile => f !== null);
  return {
    router: scanEntryRouter({ entries, miniCodes, roles: deps.roles, audit: deps.audit, authenticate: deps.authenticate }),
    pages: entryPages(verifyFiles),
    services: { entries, miniCodes },
  };
}
