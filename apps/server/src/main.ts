import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { buildApp } from './http/app.ts';
import { loadSurveySecret } from './services/surveys/survey-secret.ts';
import { seedDemoIfEmpty } from './seed/seed-demo.ts';
import { DEMO_PASSWORD } from './seed/seed-workflow.ts';

/** Serves ParIndex: opens (and on first start creates and seeds) the database, then listens on PORT. */
export async function serve(overrides: { port?: number } = {}): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  const seeded = await seedDemoIfEmpty(database.db);
  const app = await buildApp({ database, logger: { level: config.logLevel }, webDist: config.webDist, secureCookies: config.secureCookies, smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, trustProxy: config.trustProxy, surveySecret: await loadSurveySecret({ secret: config.surveySecret, dataDir: config.dataDir }) });
  if (seeded) app.log.info(seeded, 'Đã tạo dữ liệu minh họa (tỉnh Sơn Hà)');
  const port = overrides.port ?? config.port;
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port, host: config.host });
  const where = database.kind === 'pglite' ? `cơ sở dữ liệu nhúng tại ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  if (seeded) console.log(`\nDữ liệu minh họa: đăng nhập tại /login với sonoivu, tuphap.daumoi, tuphap.giamdoc, thamdinh1, hoidong.chutich, quantri… — mật khẩu ${DEMO_PASSWORD} (xem docs/workflow.md).`);
  console.log(`\nParIndex đang chạy: http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/  ·  API: /api/docs  ·  ${where}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
