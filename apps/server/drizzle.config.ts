/**
 * drizzle-kit configuration: `npm run db:generate` (from the repository root) writes a new
 * migration into apps/server/drizzle from src/db/schema.ts. Paths are found from this file's
 * folder, so the command also works from apps/server.
 */
import path from 'node:path';
import { defineConfig } from 'drizzle-kit';

// drizzle-kit loads this file as CommonJS, where __dirname exists. It wants paths relative to
// the working directory (it prefixes "./" to an absolute `out` when reading snapshots).
const fromHere = (p: string) => path.relative(process.cwd(), path.join(__dirname, p)) || '.';

export default defineConfig({
  dialect: 'postgresql',
  schema: fromHere('src/db/schema.ts'),
  out: fromHere('drizzle'),
  strict: true,
  verbose: true,
});
