/**
 * The `qrcode` package's symbol builder on its own (lib/core/qrcode.js): the package entry also
 * pulls in its canvas/SVG renderers, which the mini-program does not use.
 */
declare module 'qrcode/lib/core/qrcode' {
  export { create } from 'qrcode';
}
