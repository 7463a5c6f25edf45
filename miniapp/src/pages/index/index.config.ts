// On H5 the home page draws its own blue header; Taro's title bar would only repeat the name.
export default definePageConfig({
  navigationBarTitleText: '政务通',
  ...(process.env.TARO_ENV === 'h5' ? { navigationStyle: 'custom' as const } : {}),
});
