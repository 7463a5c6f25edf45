import { resetTaroFake } from './taro';

beforeEach(() => {
  resetTaroFake();
});
