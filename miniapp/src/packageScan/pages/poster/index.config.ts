export default definePageConfig({ navigationBarTitleText: '场所二维码海报' });
