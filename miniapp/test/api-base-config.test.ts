import { apiBaseFor, DEV_API_BASE } from '../config/api-base';

/** The build's API origin (config/api-base.ts): a production mini-program never silently calls the developer's machine. */
describe('apiBaseFor', () => {
  it('refuses a production weapp/alipay build without GOVPASS_API_BASE, naming the variable', () => {
    for (const target of ['weapp', 'alipay'] as const) {
      expect(() => apiBaseFor(target, true, undefined)).toThrow(/GOVPASS_API_BASE is not set: a production .* build must name the BFF/);
      expect(() => apiBaseFor(target, true, '  ')).toThrow(/GOVPASS_API_BASE is not set/);
    }
  });

  it('refuses a production build whose base is not https or not a URL', () => {
    expect(() => apiBaseFor('weapp', true, 'http://api.example.gov.cn')).toThrow(/is not https/);
    expect(() => apiBaseFor('alipay', true, 'api.example.gov.cn')).toThrow(/is not a URL/);
  });

  it('takes an https base without its trailing slashes; H5 calls relative URLs; development falls back to the local BFF', () => {
    expect(apiBaseFor('weapp', true, 'https://api.example.gov.cn/')).toBe('https://api.example.gov.cn');
    expect(apiBaseFor('h5', true, undefined)).toBe('');
    expect(apiBaseFor('alipay', false, undefined)).toBe(DEV_API_BASE);
    expect(apiBaseFor('weapp', false, 'http://192.168.1.5:3000')).toBe('http://192.168.1.5:3000');
  });
});
