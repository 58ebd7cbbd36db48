/**
 * No `new Function` in the browser: the Content-Security-Policy forbids eval, and zod probes for it
 * (a reported violation even though the throw is caught) when it builds its first object schema —
 * at module load of @parindex/contracts. So this module is the first import of main.tsx, before any
 * schema exists; zod then parses without compiled fast paths.
 */
import { z } from 'zod';

z.config({ jitless: true });
