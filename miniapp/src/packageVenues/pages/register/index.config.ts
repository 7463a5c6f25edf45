export default definePageConfig({ navigationBarTitleText: '登记新场所' });
