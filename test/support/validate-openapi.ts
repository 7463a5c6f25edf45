import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface OpenApiVerdict {
  valid: boolean;
  message: string;
}

/** swagger-parser's verdict on a document (run in a child process: see swagger-parser-cli.mjs). */
export function validateOpenApi(doc: unknown): Promise<OpenApiVerdict> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'swagger-parser-cli.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ valid: code === 0, message: out }));
    child.stdin.end(JSON.stringify(doc));
  });
}
