import type { Platform } from './types';

/** The browser's file chooser; resolves with the file's text, or null when nothing was chosen. */
export const pickTextFile: Platform['pickTextFile'] = () =>
  new Promise((resolve) => {
    if (typeof document === 'undefined') {
      resolve(null);
      return;
    }
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,text/csv,text/plain';
    input.onchange = () => {
      const file = input.files?.[0];
      if (!file) {
        resolve(null);
        return;
      }
      const reader = new FileReader();
      reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
      reader.onerror = () => resolve(null);
      reader.readAsText(file, 'utf-8');
    };
    input.click();
  });

export const canPickTextFile = true;

/** A download of the text (the browser's save dialog or Downloads folder). */
export const saveTextFile: Platform['saveTextFile'] = (fileName, text, mimeType = 'text/csv;charset=utf-8') => {
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') return Promise.resolve('failed');
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return Promise.resolve('saved');
};
