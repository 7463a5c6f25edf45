import type { AppConfig } from '@tarojs/taro';

// WeChat wants location use declared up front (platform/location.weapp.ts); Alipay knows no such keys.
const weappPrivacy: Pick<AppConfig, 'requiredPrivateInfos' | 'permission'> =
  process.env.TARO_ENV === 'weapp'
    ? {
        requiredPrivateInfos: ['getLocation'],
        permission: { 'scope.userLocation': { desc: '用于查找附近的办事网点和药店' } },
      }
    : {};

// The home page preloads the mask pages on WeChat: on opening day people tap 口罩预约 at once.
const weappPreload: Pick<AppConfig, 'preloadRule'> =
  process.env.TARO_ENV === 'weapp' ? { preloadRule: { 'pages/index/index': { network: 'all', packages: ['packageMasks'] } } } : {};

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/identity/index', 'pages/profile/index', 'pages/family/index'],
  // Mask reservation — citizens' pages and the pharmacy counter — is downloaded on first use. One
  // subpackage on purpose: code shared by two subpackages can end up in the main package.
  subPackages: [
    {
      root: 'packageMasks',
      pages: ['pages/pharmacies/index', 'pages/confirm/index', 'pages/reservations/index', 'pages/redeem/index'],
    },
  ],
  window: {
    navigationBarTitleText: '政务通',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
    backgroundTextStyle: 'light',
  },
  ...weappPrivacy,
  ...weappPreload,
});
