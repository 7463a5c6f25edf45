export default definePageConfig({ navigationBarTitleText: '流调' });
