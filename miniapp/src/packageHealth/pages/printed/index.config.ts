export default definePageConfig({ navigationBarTitleText: '离线码' });
