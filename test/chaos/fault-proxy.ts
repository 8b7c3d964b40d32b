import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy on 127.0.0.1 in front of a stand-in (HTTP or SMTP alike), so a test can take the
 * service away without touching it: `down()` closes the port (connections refused, open ones
 * reset), `slow(ms)` holds every byte the service sends back for `ms` (the request still reaches
 * it: the worst case, where the service acted and the client gave up waiting), `up()` restores it.
 * `slow(ms, share)` slows only that share of the answers (every other one at 0.5): a service that
 * answers some requests in time and some too late, so a client makes progress between timeouts.
 */
export type FaultProxy = {
  /** Same host and port whatever the state, so the client's configuration never changes. */
  host: string;
  port: number;
  down: () => Promise<void>;
  up: () => Promise<void>;
  slow: (ms: number, share?: number) => void;
  /** Connections accepted while up. */
  connections: number;
  close: () => Promise<void>;
};

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let delayMs = 0;
  let share = 1;
  let answers = 0;
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const state = { connections: 0 };

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const next = createServer((client) => {
        state.connections += 1;
        const upstream = connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        upstream.on("data", (chunk: Buffer) => {
          // Decided per chunk the service sends (a small HTTP answer is one): 1 in round(1 / share).
          const wait = delayMs > 0 && answers++ % Math.max(1, Math.round(1 / share)) === 0 ? delayMs : 0;
          if (wait === 0) return void client.write(chunk);
          // Paused so the held chunks leave in order, each after the delay that was in force when it arrived.
          upstream.pause();
          setTimeout(() => {
            if (!client.destroyed) client.write(chunk);
            upstream.resume();
          }, wait);
        });
        upstream.on("end", () => setTimeout(() => client.end(), delayMs));
      });
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        server = next;
        resolve((next.address() as AddressInfo).port);
      });
    });

  const port = await listen(0);
  const stopListening = async () => {
    const current = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  return {
    host: "127.0.0.1",
    port,
    get connections() {
      return state.connections;
    },
    down: stopListening,
    up: async () => {
      if (!server) await listen(port);
    },
    slow: (ms, of = 1) => {
      delayMs = ms;
      share = of;
    },
    close: stopListening,
  };
}
