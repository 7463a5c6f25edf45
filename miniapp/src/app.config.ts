import type { AppConfig } from '@tarojs/taro';

// WeChat wants location use declared up front (platform/location.weapp.ts); Alipay knows no such keys.
const weappPrivacy: Pick<AppConfig, 'requiredPrivateInfos' | 'permission'> & { __usePrivacyCheck__?: boolean } =
  process.env.TARO_ENV === 'weapp'
    ? {
        requiredPrivateInfos: ['getLocation'],
        // onNeedPrivacyAuthorization is answered by the app's own popup (platform/privacy-authorization.weapp.ts).
        __usePrivacyCheck__: true,
        permission: { 'scope.userLocation': { desc: '用于查找附近的办事网点和药店' } },
      }
    : {};

// The home page preloads the mask and health pages on WeChat: on opening day people tap 口罩预约 at
// once, and at a door nobody should wait for 健康码 to download.
const weappPreload: Pick<AppConfig, 'preloadRule'> =
  process.env.TARO_ENV === 'weapp'
    ? { preloadRule: { 'pages/index/index': { network: 'all', packages: ['packageMasks', 'packageHealth'] } } }
    : {};

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/identity/index', 'pages/profile/index', 'pages/family/index', 'pages/privacy/index', 'pages/my-data/index'],
  // Mask reservation — citizens' pages and the pharmacy counter — is downloaded on first use. One
  // subpackage per service: Taro copies code that only subpackages share (the QR renderer) into each.
  subPackages: [
    {
      root: 'packageMasks',
      pages: ['pages/pharmacies/index', 'pages/confirm/index', 'pages/reservations/index', 'pages/redeem/index'],
    },
    {
      // 健康码 for citizens, 核验 for staff at doors, official data and appeals for officials.
      root: 'packageHealth',
      pages: [
        'pages/code/index',
        'pages/declare/index',
        'pages/appeal/index',
        'pages/printed/index',
        'pages/verify/index',
        'pages/import/index',
        'pages/appeals-admin/index',
      ],
    },
    // 场所码: printable posters of the places' scan codes, for administrators.
    { root: 'packageScan', pages: ['pages/posters/index', 'pages/poster/index'] },
    {
      // 场所码: check-in (also the landing of a scanned poster), managers' venues, officials' 流调.
      root: 'packageVenues',
      pages: [
        'pages/checkin/index',
        'pages/venues/index',
        'pages/register/index',
        'pages/counts/index',
        'pages/trace/index',
      ],
    },
    {
      // 办事大厅: halls, 预约, 取号, 我的排队, 评价; 窗口叫号 for staff; 大屏叫号 (H5 on the hall's screen);
      // 大厅管理 for hall managers (好差评跟进, 统计, ETA 误差, 预约时段).
      root: 'packageHall',
      pages: [
        'pages/halls/index',
        'pages/hall/index',
        'pages/book/index',
        'pages/appointments/index',
        'pages/take/index',
        'pages/ticket/index',
        'pages/rate/index',
        'pages/console/index',
        'pages/board/index',
        'pages/follow-ups/index',
        'pages/stats/index',
        'pages/eta/index',
        'pages/slot-settings/index',
      ],
    },
    {
      // 管理后台: pharmacies, rounds and quotas, the ledger, roles and the audit log; designed for H5 at desk width.
      root: 'packageAdmin',
      pages: ['pages/pharmacies/index', 'pages/rounds/index', 'pages/ledger/index', 'pages/roles/index', 'pages/audit/index'],
    },
  ],
  window: {
    // H5 only (the mini-programs draw their own bar): turns on Taro's title bar with its back /
    // home button, which pages there would otherwise lack (platform/app-chrome.h5.ts).
    ...(process.env.TARO_ENV === 'h5' ? { navigationStyle: 'default' as const } : {}),
    navigationBarTitleText: '政务通',
    // White on this blue reads at 5.4 : 1 (WCAG AA asks 4.5 : 1); the old #1677ff gave 4.1.
    navigationBarBackgroundColor: '#1366d6',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
    backgroundTextStyle: 'light',
  },
  ...weappPrivacy,
  ...weappPreload,
});
