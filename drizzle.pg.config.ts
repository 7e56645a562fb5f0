import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/store/drizzle/pg/schema.ts',
  out: './drizzle/pg',
  casing: 'snake_case',
  strict: true,
});
