import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { answerPlatformPrivacyQuestions, loadConsent } from './store/consent';
import { silentLogin } from './store/session';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Failures land in the session store; the home page shows them with a retry button.
    // Then the privacy agreement: the popup opens on first use and after a new policy version.
    answerPlatformPrivacyQuestions();
    silentLogin()
      .then(() => loadConsent())
      .catch(() => undefined);
  });
  return children;
}

export default App;
