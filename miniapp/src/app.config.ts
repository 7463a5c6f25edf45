import type { AppConfig } from '@tarojs/taro';

// WeChat wants location use declared up front (platform/location.weapp.ts); Alipay knows no such keys.
const weappPrivacy: Pick<AppConfig, 'requiredPrivateInfos' | 'permission'> =
  process.env.TARO_ENV === 'weapp'
    ? {
        requiredPrivateInfos: ['getLocation'],
        permission: { 'scope.userLocation': { desc: '用于查找附近的办事网点和药店' } },
      }
    : {};

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/identity/index', 'pages/profile/index'],
  window: {
    navigationBarTitleText: '政务通',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
    backgroundTextStyle: 'light',
  },
  ...weappPrivacy,
});
