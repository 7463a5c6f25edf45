// Validates the OpenAPI document on stdin with swagger-parser, in a plain Node process: its
// reference parser is an ES module, which jest's CommonJS module system cannot load.
// Prints nothing and exits 0 when valid; prints the validator's message and exits 1 otherwise.
import SwaggerParser from '@apidevtools/swagger-parser';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
try {
  await SwaggerParser.validate(JSON.parse(Buffer.concat(chunks).toString('utf8')));
} catch (err) {
  process.stdout.write(String(err?.message ?? err));
  process.exitCode = 1;
}
