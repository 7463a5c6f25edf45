export default definePageConfig({ navigationBarTitleText: '场所码海报' });
