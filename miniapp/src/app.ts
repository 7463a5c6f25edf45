import { useEffect, useRef, type PropsWithChildren } from 'react';
import { useDidHide, useDidShow, useLaunch } from '@tarojs/taro';
import { platform } from './platform/platform';
import { openEntry } from './scan-entry/open-entry';
import { answerPlatformPrivacyQuestions, loadConsent } from './store/consent';
import { elderlyModeStore } from './store/elderly-mode';
import { silentLogin } from './store/session';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // A show that follows a hide is a return from the background, perhaps by a new scan (warm start);
  // the show that comes with the launch carries the launch's own options and is not read twice.
  const hidden = useRef(false);
  useEffect(() => {
    const show = () => platform.appChrome.showElderly(elderlyModeStore.get());
    show();
    return elderlyModeStore.subscribe(show);
  }, []);
  useLaunch((options) => {
    // Failures land in the session store; the home page shows them with a retry button. Then the
    // privacy agreement: the popup opens on first use and after a new policy version.
    answerPlatformPrivacyQuestions();
    silentLogin()
      .then(() => loadConsent())
      .catch(() => undefined);
    void openEntry(platform.launchEntry.read(options, 'launch'), 'launch');
  });
  useDidHide(() => {
    hidden.current = true;
  });
  useDidShow((options) => {
    if (!hidden.current) return;
    hidden.current = false;
    void openEntry(platform.launchEntry.read(options, 'show'), 'show');
  });
  return children;
}

export default App;
