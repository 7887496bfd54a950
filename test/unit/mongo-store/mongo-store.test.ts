import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MongoStore } from '../../../src/adapters/store/mongo-store/mongo-store.js';

/** A TCP listener that counts who connects to it and never answers: it proves whether the store touched the network. */
async function listener(): Promise<{ server: Server; port: number; connections: () => number; stop: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    connections: () => sockets.length,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const { port, stop } = await listener();
  await stop();
  return port;
}

describe('MongoStore without a server', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('when a store is constructed and its collections are taken, then nothing is contacted', async () => {
    const net = await listener();
    cleanups.push(net.stop);
    const store = new MongoStore({ uri: `mongodb://app:secret@127.0.0.1:${net.port}/jiangxin`, serverSelectionTimeoutMS: 300 });
    const orders = store.collection('orders');
    expect(store.adapter).toBe('mongo');
    expect(orders.name).toBe('orders');
    expect(await store.ping()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(net.connections()).toBe(0);

    // The positive control: connect() does reach the listener (which never answers, so it fails).
    await expect(store.connect()).rejects.toThrow(/cannot connect/);
    expect(net.connections()).toBeGreaterThan(0);
  });

  it('when an operation runs before connect(), then it says so instead of hanging', async () => {
    const store = new MongoStore({ uri: 'mongodb://127.0.0.1:1/jiangxin' });
    await expect(store.collection('orders').find({})).rejects.toThrow(/not connected/);
    await expect(store.transaction(async () => 1)).rejects.toThrow(/not connected/);
    await store.close();
  });

  it('when no server answers, then connect() fails fast naming the masked URL and what to check', async () => {
    const port = await closedPort();
    const store = new MongoStore({ uri: `mongodb://app:s3cret-pw@127.0.0.1:${port}/jiangxin?authSource=admin`, serverSelectionTimeoutMS: 300 });
    const started = Date.now();
    const error = await store.connect().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain(`mongodb://app:****@127.0.0.1:${port}/jiangxin?authSource=admin`);
    expect(error!.message).not.toContain('s3cret-pw');
    expect(error!.message).toMatch(/mongod is running/);
    expect(error!.message).toMatch(/replica set/);
    expect(await store.ping()).toBe(false);
    await store.close();
  });
});
