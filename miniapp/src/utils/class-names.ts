/** Joins the truthy class names; Taro components take a plain className string. */
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
