/** `/reservations/:id` + { id: 'r 1' } → `/reservations/r%201`; a missing parameter is a programming error. */
export function fillPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') throw new TypeError(`path parameter "${name}" is missing for ${path}`);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- path parameters are scalars (ids) by their zod contracts
    return encodeURIComponent(String(value));
  });
}
