import type { Page } from 'playwright-core';
import { contrastRatio, over, parseCssColour, type Rgba } from './contrast';

/** One visible run of text on the page, with what Chromium computed for it. */
export interface TextSample {
  text: string;
  fontSizePx: number;
  colour: string;
  /** Background layers from the text's element outwards, up to the first opaque one. */
  backgrounds: string[];
  /** The stops of the nearest background-image gradient (the text must read on each of them). */
  gradientStops: string[];
  opacity: number;
}

/**
 * Every visible text node of the shown page (Taro's H5 keeps earlier pages in the DOM, hidden) and
 * of the title bar: computed font size, colour and the background behind it.
 */
export async function visibleTextSamples(page: Page): Promise<TextSample[]> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return false;
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
      }
      return true;
    };
    const samples: TextSample[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const el = node.parentElement;
      if (!text || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName) || !visible(el)) continue;
      const style = getComputedStyle(el);
      const backgrounds: string[] = [];
      const gradientStops: string[] = [];
      let opacity = 1;
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        opacity *= Number(s.opacity);
        // A gradient paints over everything below it: its stops are what the text sits on.
        if (s.backgroundImage.includes('gradient')) {
          gradientStops.push(...(s.backgroundImage.match(/rgba?\([^)]*\)/g) ?? []));
          break;
        }
        backgrounds.push(s.backgroundColor);
        if (/^rgb\(/.test(s.backgroundColor)) break;
      }
      samples.push({ text: text.slice(0, 40), fontSizePx: Number.parseFloat(style.fontSize), colour: style.color, backgrounds, gradientStops, opacity });
    }
    return samples;
  });
}

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

/** The worst contrast of a sample: against the composed background and each gradient stop behind it. */
export function worstContrast(sample: TextSample): number {
  let background = WHITE;
  for (const layer of [...sample.backgrounds].reverse()) {
    const c = parseCssColour(layer);
    if (c && c.a > 0) background = over(c, background);
  }
  const fg = parseCssColour(sample.colour) ?? { r: 0, g: 0, b: 0, a: 1 };
  const stops = sample.gradientStops.map((s) => parseCssColour(s)).filter((c): c is Rgba => c !== null);
  const behind = stops.length > 0 ? stops.map((c) => over(c, background)) : [background];
  return Math.min(...behind.map((b) => contrastRatio(over({ ...fg, a: fg.a * sample.opacity }, b), b)));
}

export interface TargetSample {
  label: string;
  width: number;
  height: number;
}

/** Size of every visible tap target matching `selector` (buttons, service tiles, switches, title-bar buttons). */
export async function visibleTargets(page: Page, selector: string): Promise<TargetSample[]> {
  return page.$$eval(selector, (els) =>
    els
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      })
      .map((el) => {
        const box = el.getBoundingClientRect();
        return { label: (el.id || el.className || el.tagName).toString().slice(0, 60) + ' ' + (el.textContent ?? '').trim().slice(0, 20), width: box.width, height: box.height };
      }),
  );
}
