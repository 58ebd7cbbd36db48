import type { FastifyInstance } from 'fastify';
import { stdSerializers } from 'pino';
import { type Config, loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { redactDbError, redactedMessage } from './db/redact-error.ts';
import { buildApp } from './http/app.ts';
import { loadSurveySecret } from './services/surveys/survey-secret.ts';
import { heldData, type SeedSummary, seedDemoIfEmpty } from './seed/seed-demo.ts';
import { DEMO_PASSWORD } from './seed/seed-workflow.ts';

export interface OpenedServer {
  app: FastifyInstance;
  database: Database;
  /** What the demo seed created on this start, or null (PARINDEX_DEMO=0, or the database was not empty). */
  seeded: SeedSummary | null;
  /** Accounts in the database after the seed: none means the first administrator is still to be created. */
  accounts: number;
  close(): Promise<void>;
}

/**
 * Opens (and on first start creates) the database, seeds the demo province when the configuration
 * asks for it (PARINDEX_DEMO: by default with the embedded database only) and the database is
 * empty, and builds the app — not yet listening. Errors are logged without the database's values.
 */
export async function openServer(config: Config): Promise<OpenedServer> {
  const database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const seeded = config.demo ? await seedDemoIfEmpty(database.db) : null;
    const accounts = (await heldData(database.db)).users;
    // Every error logged without the database's values (redact-error.ts). A variable, not a literal:
    // buildApp's type names only the level; Fastify takes the serializers too.
    const logger = { level: config.logLevel, serializers: { err: (e: Error) => stdSerializers.err(redactDbError(e)) } };
    const app = await buildApp({ database, logger, webDist: config.webDist, secureCookies: config.secureCookies, smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, trustProxy: config.trustProxy, publicUrl: config.publicUrl, surveySecret: await loadSurveySecret({ secret: config.surveySecret, dataDir: config.dataDir, file: config.surveySecretFile }) });
    return {
      app,
      database,
      seeded,
      accounts,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}

/** What to do when the database has no account: create the first administrator from the console. */
export function firstAdminHint(kind: Database['kind']): string {
  const lines = [
    'Chưa có tài khoản nào. Tạo quản trị viên đầu tiên bằng lệnh (mật khẩu được hỏi hai lần, hoặc đọc từ đầu vào chuẩn):',
    '    npx parindex users create-admin admin',
  ];
  if (kind === 'pglite')
    lines.push(
      'Cơ sở dữ liệu nhúng chỉ mở được bởi một tiến trình: dừng máy chủ (Ctrl+C), chạy lệnh trên với cùng DATA_DIR, rồi khởi động lại.',
      'Muốn xem thử với dữ liệu minh họa: npx parindex demo seed (chỉ vào cơ sở dữ liệu trống).',
    );
  else lines.push('Chạy lệnh trên máy chủ với cùng DATABASE_URL; máy chủ web không cần dừng.');
  return lines.join('\n');
}

/** Serves ParIndex: opens the database (seeding the demo where asked), then listens on PORT. */
export async function serve(overrides: { port?: number } = {}): Promise<void> {
  const config = loadConfig();
  const { app, database, seeded, accounts, close } = await openServer(config);
  if (seeded) app.log.info(seeded, 'Đã tạo dữ liệu minh họa (tỉnh Sơn Hà)');
  else if (accounts === 0) app.log.warn('Chưa có tài khoản nào: tạo quản trị viên đầu tiên bằng "npx parindex users create-admin TÊN"');
  const port = overrides.port ?? config.port;
  const shutdown = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port, host: config.host });
  const where = database.kind === 'pglite' ? `cơ sở dữ liệu nhúng tại ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  if (seeded) console.log(`\nDữ liệu minh họa: đăng nhập tại /login với sonoivu, tuphap.daumoi, tuphap.giamdoc, thamdinh1, hoidong.chutich, quantri… — mật khẩu ${DEMO_PASSWORD} (xem docs/workflow.md).`);
  else if (accounts === 0) console.log(`\n${firstAdminHint(database.kind)}`);
  console.log(`\nParIndex đang chạy: http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/  ·  API: /api/docs  ·  ${where}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // A crash prints the error without the values of a failed query (a password hash, a token's hash…).
  const fatal = (e: unknown) => {
    console.error(e instanceof Error ? (redactDbError(e).stack ?? redactedMessage(e)) : e);
    process.exit(1);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  serve().catch((e) => {
    console.error(redactedMessage(e));
    process.exit(1);
  });
}
