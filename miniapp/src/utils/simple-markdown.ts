export type MarkdownBlock = { kind: 'title' | 'heading' | 'item' | 'paragraph'; text: string };

/**
 * The privacy policy's Markdown as blocks a page can show with Text views: `#` title, `##`
 * heading, `-` list item, anything else a paragraph; `**bold**` marks are dropped (the words stay).
 */
export function markdownBlocks(markdown: string): MarkdownBlock[] {
  const plain = (s: string) => s.replace(/\*\*(.+?)\*\*/g, '$1').trim();
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line): MarkdownBlock => {
      if (line.startsWith('## ')) return { kind: 'heading', text: plain(line.slice(3)) };
      if (line.startsWith('# ')) return { kind: 'title', text: plain(line.slice(2)) };
      if (line.startsWith('- ')) return { kind: 'item', text: plain(line.slice(2)) };
      return { kind: 'paragraph', text: plain(line) };
    });
}
