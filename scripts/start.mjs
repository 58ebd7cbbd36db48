#!/usr/bin/env node
// `npm start`: install what is missing, build the web app, then serve (the server creates the
// embedded database and seeds the demo province on first start; not with DATABASE_URL or
// PARINDEX_DEMO=0 — docs/operations.md, "Lần khởi động đầu tiên").
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureWebBuilt } from './build-web.mjs';
import { ROOT, ensureInstalled } from './ensure-install.mjs';

ensureInstalled();
ensureWebBuilt();
const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/server/src/main.ts')], { cwd: ROOT, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
