import type { LoginChannel, NotificationTemplateName, RawEntryParams } from '@govpass/shared-types';

export interface LoginCode {
  channel: LoginChannel;
  code: string;
}

/** The id of the privacy popup's agree button (WeChat resolves its privacy callback with it). */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

/** Answers a platform's privacy question: true when the person agreed in the app's popup. */
export type PrivacyAnswer = (agreed: boolean) => void;

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** H5-only helper so testers can log in as different demo accounts; absent on mini-programs. */
export interface DevAccountSwitcher {
  readonly accounts: readonly string[];
  current(): string;
  choose(account: string): void;
}

/**
 * What the user chose in the platform's subscribe prompt, by template name. 'unsupported': this
 * platform (H5) or this build (no template ids configured) cannot send subscribe messages at all,
 * so the page should not promise notifications.
 */
export type SubscribeAnswer = 'unsupported' | { accepted: NotificationTemplateName[]; declined: NotificationTemplateName[] };

/** What the platform hands the app's onLaunch / onShow (Taro's useLaunch / useDidShow in app.ts). */
export interface AppEntryOptions {
  path?: string;
  query?: Record<string, unknown>;
  /** WeChat: a number (1011 scan a QR code, 1047 a mini-program code …); Alipay: a string. */
  scene?: number | string;
}

/**
 * Reads how the app was opened by a scan: `q` (a printed URL), `scene` (a mini-program code), or
 * the H5 page's query. null: this launch or show was not a scan (or one already handled).
 */
export interface LaunchEntrySource {
  read(options: AppEntryOptions | undefined, event: 'launch' | 'show'): RawEntryParams | null;
}
/** What the app draws around pages where the platform draws nothing (H5's title bar). */
export interface AppChrome {
  /** 关怀模式 on or off, for chrome outside the pages (which carry `.elderly` themselves). */
  showElderly(on: boolean): void;
}

export type SavedTextFile = 'saved' | 'copied' | 'failed';

/**
 * Everything that differs between WeChat, Alipay and H5. Each capability lives in
 * `<capability>.<target>.ts`; Taro picks the file for the target at build time, so the rest of
 * the app never asks which platform it runs on.
 */
export interface Platform {
  /** A one-time code the BFF exchanges for the platform user id. */
  getLoginCode(): Promise<LoginCode>;
  /** The scanned text, or null when there is no scanner or no result (the UI then offers manual entry). */
  scanCode(): Promise<string | null>;
  /** Whether scanCode can open a camera scanner at all (false on plain H5): decides scan button vs typed entry. */
  canScan: boolean;
  /** The current position (GCJ-02 on mini-programs), or null when refused or unavailable. */
  getLocation(): Promise<GeoPoint | null>;
  /** Opens the print dialog for the current page (H5 only; a no-op where canPrint is false). */
  printPage(): void;
  /** Whether printPage does anything: decides the 打印 button vs a "save a screenshot" hint. */
  canPrint: boolean;
  /** The text of a file the user picks (CSV imports), or null when cancelled or unsupported. */
  pickTextFile(): Promise<string | null>;
  /** Whether pickTextFile can open a chooser at all (false: paste only). */
  canPickTextFile: boolean;
  /**
   * Hands a text file (a CSV export) to the user: 'saved' — downloaded (H5); 'copied' — put on the
   * clipboard to paste into a chat (mini-programs cannot download); 'failed' otherwise.
   */
  saveTextFile(fileName: string, text: string, mimeType?: string): Promise<SavedTextFile>;
  devAccounts: DevAccountSwitcher | null;
  /**
   * Asks the user to allow these subscribe messages (at most three per prompt). Both platforms only
   * show the prompt from a tap handler, so call it in one (e.g. the confirm button of a booking).
   */
  requestSubscribe(templates: NotificationTemplateName[]): Promise<SubscribeAnswer>;
  /** The scan that opened or re-showed the app (docs/scan-entry.md). */
  launchEntry: LaunchEntrySource;
  /**
   * Registers who answers the platform's own privacy question (WeChat's onNeedPrivacyAuthorization,
   * raised before getLocation when its privacy guide was not agreed): `ask` opens the app's popup
   * and calls the answer. A no-op where the platform asks nothing at run time (Alipay, H5).
   */
  onNeedPrivacyAuthorization(ask: (answer: PrivacyAnswer) => void): void;
  /**
   * Whether the person set larger text in the platform's own settings (WeChat / Alipay font size,
   * the browser's default font size on H5): 关怀模式 turns on by itself until they choose.
   */
  prefersLargeText(): boolean;
  /** The title bar on H5 (mini-programs: their own); see app-chrome.h5.ts. */
  appChrome: AppChrome;
  /** The agree button's open-type where the platform counts the tap itself (WeChat). */
  privacyAgreeOpenType: 'agreePrivacyAuthorization' | undefined;
}
