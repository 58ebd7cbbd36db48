/**
 * Child process of the exports suite: streams the national workbook of the given cycles and
 * prints one JSON line { seconds, peakMb, units, detailRows }. Run apart from the generator so
 * the peak RSS measured is the export's.
 *
 *   node --import tsx exports-national.child.ts postgres://…|dir:/path OUT.xlsx id1,id2,…
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '@parindex/server/db/database.ts';
import { writeNationalWorkbook } from '@parindex/server/documents/national-workbook.ts';
import { RssSampler } from '../measure.ts';

const [target, out, ids] = process.argv.slice(2);
const database = await openDatabase(target.startsWith('dir:') ? { dataDir: target.slice(4) } : { databaseUrl: target });
try {
  const rss = new RssSampler();
  rss.start(20);
  const t0 = performance.now();
  const summary = await writeNationalWorkbook(database.db, ids.split(','), out, {
    publicOnly: false,
    title: 'TỔNG HỢP KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025',
    onProgress: () => rss.sample(),
  });
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ seconds, peakMb: rss.stop(), ...summary }));
} finally {
  await database.close();
}
