/**
 * drizzle-kit configuration: `npm run db:generate` (from the repository root) writes a new
 * migration into apps/server/drizzle from src/db/schema.ts. Paths are resolved from this file,
 * not from the working directory, so the command also works from apps/server.
 */
import path from 'node:path';
import { defineConfig } from 'drizzle-kit';

// drizzle-kit loads this file as CommonJS, where __dirname exists.
const here = __dirname;

export default defineConfig({
  dialect: 'postgresql',
  schema: path.join(here, 'src/db/schema.ts'),
  out: path.join(here, 'drizzle'),
  strict: true,
  verbose: true,
});
