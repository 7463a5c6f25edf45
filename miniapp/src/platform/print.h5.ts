import type { Platform } from './types';

// The browser's own print dialog; the printed-card page hides everything but the card in @media print.
export const printPage: Platform['printPage'] = () => {
  if (typeof window !== 'undefined' && typeof window.print === 'function') window.print();
};

export const canPrint = true;
