export { loadConfig, type Config } from './config.ts';
export { openDatabase, type Database, type Db } from './db/database.ts';
export { buildApp } from './http/app.ts';
export { serve } from './main.ts';
