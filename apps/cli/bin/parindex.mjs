#!/usr/bin/env node
// Runs the TypeScript sources directly (see ARCHITECTURE.md: no separate compile step for server and CLI).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
