import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Code that ships to weapp/alipay runs without a DOM: these globals are missing there (and some
 * in jsdom too). `*.h5.ts(x)` files are built for the browser only and may use them.
 */
const FORBIDDEN = new Set(['TextEncoder', 'TextDecoder', 'btoa', 'atob', 'document', 'window', 'localStorage', 'sessionStorage']);
const ROOTS = [path.resolve(__dirname, '../src'), path.resolve(__dirname, '../../shared-types/src')];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|jsx)$/.test(entry.name) && !/\.h5\.(ts|tsx|js|jsx)$/.test(entry.name) ? [full] : [];
  });
}

/** A name in property position (`{ window: … }`, `a.window`) is not a use of the global. */
function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    ((ts.isPropertyAssignment(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isJsxAttribute(parent)) &&
      parent.name === node)
  );
}

export function browserGlobalsIn(fileName: string, text: string): string[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && FORBIDDEN.has(node.text) && !isPropertyName(node)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path.relative(path.resolve(__dirname, '../..'), fileName)}:${line + 1} ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no browser-only APIs in code that ships to mini-programs', () => {
  it('finds the files it is meant to scan', () => {
    const files = ROOTS.flatMap(sourceFiles);
    expect(files.some((f) => f.endsWith('client.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('identity.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('.h5.ts'))).toBe(false);
  });

  it('catches a use and ignores property names and comments', () => {
    const sample = [
      '// window and document in a comment are fine',
      'const config = { window: { title: "x" } };',
      'const t = config.window;',
      'const bytes = new TextEncoder().encode("x");',
      'localStorage.setItem("k", btoa("v"));',
    ].join('\n');
    expect(browserGlobalsIn('/x/sample.ts', sample).map((s) => s.split(' ')[1])).toEqual([
      'TextEncoder',
      'localStorage',
      'btoa',
    ]);
  });

  it('src (except *.h5.ts) and shared-types/src use none of them', () => {
    const offenders = ROOTS.flatMap(sourceFiles).flatMap((f) => browserGlobalsIn(f, fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
