// A wall screen in the hall: no title bar with a back button on H5.
export default definePageConfig({
  navigationBarTitleText: '叫号大屏',
  ...(process.env.TARO_ENV === 'h5' ? { navigationStyle: 'custom' as const } : {}),
});
