/**
 * The router as a host mounts it (`/api/2fa` of a Hono app), with the demo accounts, served on
 * 127.0.0.1 for a proxy in front of it.
 */
import { Hono } from 'hono';
import { createTwoFactor, devOutbox, pbkdf2Hasher, seedDemo, type Policy } from '../../server/index.js';
import { openLibsql } from '../../server/node/index.js';
import { PASSWORD, SECRET } from '../support/harness.js';
import { serveLocal, type Served } from './http.js';

export { PASSWORD };

export async function serveBackend(options: { policy?: Partial<Policy>; trustedOrigins?: string[] } = {}): Promise<Served> {
  const { db } = await openLibsql(':memory:');
  const hasher = pbkdf2Hasher({ iterations: 1_000 });
  const tf = createTwoFactor({ db, sms: devOutbox(), secret: SECRET, hasher, smsDomain: 'portal.example.com', ...options });
  await seedDemo(tf.store, hasher, PASSWORD);
  const app = new Hono();
  app.route('/api/2fa', tf.app);
  return serveLocal(app.fetch);
}
