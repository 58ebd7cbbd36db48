/**
 * The SQL baseline (baseline.ts) writes exactly the engine's results for a generated province —
 * exclusions, a criterion for communes only, survey leaves not applicable included — and the
 * row-by-row comparison names what differs when a row is not the engine's. PostgreSQL only (the
 * baseline orders names with an ICU collation): runs when TEST_DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '@parindex/server/db/database.ts';
import { ResultsService } from '@parindex/server/services/results.service.ts';
import { compareWithEngine, prepareBaseline, runBaselineCycle, writeEvaluatedPoints } from './baseline.ts';
import { type Loaded, loadWorkload } from './load.ts';
import { generateWorkload } from './workload.ts';

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('SQL baseline against the engine [postgres]', () => {
  const name = `parindex_t_${randomBytes(6).toString('hex')}`;
  let database: Database;
  let client: pg.Client;
  let loaded: Loaded;
  const admin = () => new pg.Client({ connectionString: serverUrl });

  beforeAll(async () => {
    const a = admin();
    await a.connect();
    await a.query(`create database ${name}`);
    await a.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const w = generateWorkload(1);
    loaded = await loadWorkload(database.db, w);
    await new ResultsService(database.db).compute(loaded.cycleIds[0]);
    await writeEvaluatedPoints(client, w, loaded);
    await prepareBaseline(client);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await database?.close();
    const a = admin();
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  }, 60_000);

  it('writes every unit row and group figure the engine wrote, column for column', async () => {
    const written = await runBaselineCycle(client, loaded.cycleIds[0]);
    expect(written).toEqual({ units: 130, groups: 2 });
    const check = await compareWithEngine(client);
    expect(check).toMatchObject({ units: 130, groups: 2, mismatches: [] });
    // The workload makes maxima differ: departments lose criterion 3.5, some units an excluded node or a survey leaf.
    const maxima = await client.query<{ max_points: string }>('select distinct max_points::text from unit_results order by 1');
    expect(maxima.rows.length).toBeGreaterThan(3);
  });

  it('names the unit and the columns when a stored row is not the engine’s', async () => {
    const { rows } = await client.query<{ unit_id: string }>("select unit_id from unit_results where peer_group = 'communes' order by ord limit 1");
    await client.query('update unit_results set total = total + 1, classification = $2 where unit_id = $1', [rows[0].unit_id, 'Yếu']);
    const check = await compareWithEngine(client);
    expect(check.mismatches).toEqual([{ cycleId: loaded.cycleIds[0], key: `unit ${rows[0].unit_id}`, fields: ['total', 'classification'] }]);
  });
});
