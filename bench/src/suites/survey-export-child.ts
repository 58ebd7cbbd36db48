/**
 * Child process of the survey-io suite: streams one questionnaire's responses as CSV to nowhere
 * and prints {ms, bytes, maxRssMb} — its own peak memory, not the parent's generated workload.
 *   node --import tsx bench/src/suites/survey-export-child.ts DATABASE_URL QUESTIONNAIRE_ID
 */
import { openDatabase } from '@parindex/server/db/database.ts';
import { exportResponsesCsv } from '@parindex/server/services/surveys/responses-csv.ts';

const [url, questionnaireId] = process.argv.slice(2);
const database = await openDatabase({ databaseUrl: url });
const t0 = performance.now();
let bytes = 0;
for await (const chunk of exportResponsesCsv(database.db, questionnaireId)) bytes += Buffer.byteLength(chunk);
const ms = performance.now() - t0;
await database.close();
console.log(JSON.stringify({ ms, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
