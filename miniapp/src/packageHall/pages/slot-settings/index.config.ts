export default definePageConfig({ navigationBarTitleText: '预约时段设置' });
