import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  location: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** A GET with the path sent byte for byte (fetch would normalise it) and redirects not followed. */
export function rawGet(baseUrl: string, path: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, contentType: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
