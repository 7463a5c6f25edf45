import type { AppConfig } from '@govpass/config';
import { isAppError } from '../core/app-error';
import type { HallDirectory } from '../domains/hall/registry/hall-directory';
import type { PharmacyService } from '../domains/masks/pharmacies/pharmacy-service';
import { WechatAccessToken } from '../domains/notifications/wechat-access-token';
import { buildScanEntryDomain, type ScanEntryDomain } from '../domains/scan-entry/build-scan-entry-domain';
import type { PlaceLookups } from '../domains/scan-entry/scan-entry-ports';
import type { VenueService } from '../domains/venues/venue-service';
import type { IdentityCore } from './identity-core';
import type { Platform } from './platform';

/** Where printed codes' places live; the hall and venue domains are built later, so they are read per scan. */
export interface ScanPlaceSources {
  pharmacies: Pick<PharmacyService, 'find'>;
  halls: () => Pick<HallDirectory, 'getHall' | 'getWindow'>;
  venues: () => Pick<VenueService, 'venueOfCode'>;
}

/** Each place's domain says whether it still exists: a name and address, or null. */
function placeLookups(sources: ScanPlaceSources): PlaceLookups {
  return {
    pharmacy: async (id) => {
      const found = await sources.pharmacies.find(id);
      return found ? { name: found.name, address: found.address } : null;
    },
    hall: async (id) => {
      const found = await sources.halls().getHall(id);
      return found ? { name: found.name, address: found.address } : null;
    },
    window: async (id) => {
      const window = await sources.halls().getWindow(id);
      const itsHall = window ? await sources.halls().getHall(window.hallId) : null;
      return window && itsHall ? { name: `${itsHall.name} ${window.name}`, address: itsHall.address, hallId: itsHall.id } : null;
    },
    venue: async (code) => {
      try {
        const found = await sources.venues().venueOfCode(code);
        return { name: found.name, address: found.address };
      } catch (err) {
        if (isAppError(err) && err.status < 500) return null; // forged, altered or removed: "no longer exists"
        throw err;
      }
    },
  };
}

function wechatToken(config: AppConfig): WechatAccessToken | null {
  return config.auth.wechat.appId && config.auth.wechat.secret ? new WechatAccessToken(config.auth.wechat) : null;
}

/** Entry by scan: printed codes of places (pharmacies, halls, windows, venues). */
export function wireScanEntry(platform: Pick<Platform, 'config' | 'now'>, core: Pick<IdentityCore, 'roles' | 'audit' | 'authenticate'>, sources: ScanPlaceSources): ScanEntryDomain {
  const { config, now } = platform;
  return buildScanEntryDomain({ config, places: placeLookups(sources), wechatToken: wechatToken(config), roles: core.roles, audit: core.audit, authenticate: core.authenticate, now });
}
