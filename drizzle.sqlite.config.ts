import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './server/store/drizzle/sqlite/schema.ts',
  out: './drizzle/sqlite',
  strict: true,
});
