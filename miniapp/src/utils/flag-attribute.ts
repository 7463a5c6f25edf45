/**
 * Taro's H5 buttons turn `disabled={false}` into the attribute disabled="false", which its own
 * `[disabled]` CSS still matches (greyed text). Passing undefined leaves the attribute off.
 */
export function flagAttribute(on: boolean): true | undefined {
  return on ? true : undefined;
}
