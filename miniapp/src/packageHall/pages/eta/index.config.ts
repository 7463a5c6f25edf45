export default definePageConfig({ navigationBarTitleText: '等候预估误差' });
