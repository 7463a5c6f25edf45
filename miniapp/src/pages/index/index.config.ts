export default definePageConfig({ navigationBarTitleText: '政务通' });
