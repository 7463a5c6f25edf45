import type { Speaker } from './speech-queue';

/** The browser's speech synthesis in Mandarin, or null where the browser has none. */
export function createSpeaker(): Speaker | null {
  if (typeof window === 'undefined' || !('speechSynthesis' in window) || typeof SpeechSynthesisUtterance === 'undefined') return null;
  const synth = window.speechSynthesis;
  return {
    speak(text, onDone) {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = 'zh-CN';
      utterance.rate = 0.9;
      const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith('zh'));
      if (voice) utterance.voice = voice;
      utterance.onend = () => onDone();
      utterance.onerror = () => onDone();
      synth.speak(utterance);
    },
    cancel() {
      synth.cancel();
    },
  };
}
