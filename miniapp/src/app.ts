import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { silentLogin } from './store/session';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Failures land in the session store; the home page shows them with a retry button.
    silentLogin().catch(() => undefined);
  });
  return children;
}

export default App;
