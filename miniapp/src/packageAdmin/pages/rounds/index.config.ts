export default definePageConfig({ navigationBarTitleText: '轮次与配额' });
