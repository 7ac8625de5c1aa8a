// Redis connections, when REDIS_URL is set: one for commands and publishing,
// one for subscriptions (a subscribed connection can do nothing else).
import { createClient, type RedisClientType } from "redis";
import { getConfig } from "./config";
import { log } from "./log";

type Clients = { publisher: RedisClientType; subscriber: RedisClientType };

const holder = globalThis as typeof globalThis & { __parleyRedis?: Promise<Clients> };

async function connect(url: string): Promise<Clients> {
  const make = (role: string) => {
    const client = createClient({ url }) as RedisClientType;
    // Without a listener a lost connection would crash the process; node-redis reconnects by itself.
    client.on("error", (error: Error) => log.warn(`redis ${role}: ${error.message}`));
    return client;
  };
  const publisher = make("publisher");
  const subscriber = make("subscriber");
  await Promise.all([publisher.connect(), subscriber.connect()]);
  return { publisher, subscriber };
}

/** The shared connections, or null when REDIS_URL is not set. */
export function redis(): Promise<Clients> | null {
  const url = getConfig().redisUrl;
  if (!url) return null;
  holder.__parleyRedis ??= connect(url).catch((error) => {
    holder.__parleyRedis = undefined;
    throw error;
  });
  return holder.__parleyRedis;
}

export async function closeRedis(): Promise<void> {
  const clients = holder.__parleyRedis;
  holder.__parleyRedis = undefined;
  if (!clients) return;
  const { publisher, subscriber } = await clients.catch(() => ({ publisher: null, subscriber: null }));
  await Promise.allSettled([publisher?.quit(), subscriber?.quit()]);
}
