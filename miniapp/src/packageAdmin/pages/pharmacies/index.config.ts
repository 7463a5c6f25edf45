export default definePageConfig({ navigationBarTitleText: '药店管理' });
