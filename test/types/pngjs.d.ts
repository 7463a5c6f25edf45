// The slice of pngjs the end-to-end tests use (decoding a screenshot for jsQR).
declare module 'pngjs' {
  export const PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } };
}
