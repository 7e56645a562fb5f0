/** Opens (migrates) and seeds the database at argv[2], as a server instance does at start. */
import { openLibsql } from '../../server/node/index.js';
import { pbkdf2Hasher, seedDemo, sqliteStore } from '../../server/index.js';

const { db, client } = await openLibsql(process.argv[2]!);
await seedDemo(sqliteStore(db), pbkdf2Hasher({ iterations: 1_000 }), 'pw');
client.close();
