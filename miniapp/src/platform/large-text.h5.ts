/** The browsers' standard text size; 关怀模式 starts at 20 px (Chrome's "large" is 20). */
const STANDARD_TEXT_PX = 16;
const LARGE_TEXT_PX = 20;

/**
 * Browsers report no system text size; the closest sign is the default font size the person set
 * in the browser (CSS `medium` resolves to it; Taro's rem sizing touches only <html>). Standard
 * is 16 px; 20 px or more turns 关怀模式 on.
 */
export function prefersLargeText(): boolean {
  if (typeof document === 'undefined' || !document.body) return false;
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
  document.body.appendChild(probe);
  const px = Number.parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return Number.isFinite(px) && px >= LARGE_TEXT_PX && px > STANDARD_TEXT_PX;
}
