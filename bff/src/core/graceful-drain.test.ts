import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createLogger } from './create-logger';
import { createDrainingServer } from './graceful-drain';

const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rawSocket(port: number): Promise<{ socket: Socket; text: () => string; closed: Promise<void> }> {
  return new Promise((resolve) => {
    let text = '';
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, text: () => text, closed }));
    socket.on('data', (d) => (text += d.toString()));
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
  });
}

describe('createDrainingServer', () => {
  it('answers a request whose headers were half received when the drain began, and closes quiet keep-alive connections', async () => {
    const { server, drain } = createDrainingServer((_req, res) => res.end('ok'), { graceMs: 0, timeoutMs: 5000, idleCloseMs: 100, logger });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;

    const quiet = await rawSocket(port);
    quiet.socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
    const partial = await rawSocket(port);
    partial.socket.write('GET /b HTTP/1.1\r\nHo');
    await sleep(50);
    expect(quiet.text()).toMatch(/^HTTP\/1.1 200[\s\S]*Connection: keep-alive/);

    const drained = drain();
    await sleep(400);
    // The quiet connection is closed; the one with half a request is not.
    await quiet.closed;
    expect(partial.socket.destroyed).toBe(false);
    partial.socket.write('st: x\r\n\r\n');
    await partial.closed;
    expect(partial.text()).toMatch(/^HTTP\/1.1 200[\s\S]*Connection: close[\s\S]*ok$/);
    expect(await drained).toEqual({ forced: false });
  });

  it('answers /readyz 503 while draining, everything else as usual', async () => {
    const { server, drain } = createDrainingServer((_req, res) => res.end('app'), { graceMs: 300, timeoutMs: 5000, logger });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(`${base}/readyz`)).text()).toBe('app');
    const drained = drain();
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', checks: { draining: 'fail' } });
    expect(await (await fetch(`${base}/other`)).text()).toBe('app');
    expect(await drained).toEqual({ forced: false });
  });
});
