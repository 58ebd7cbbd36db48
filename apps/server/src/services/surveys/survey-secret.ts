/**
 * The installation's survey secret: the key of the HMAC that turns a one-stop dossier code into
 * the value stored with a kiosk response. A plain hash of a dossier code could be recomputed by
 * anyone holding a copy of the database and the one-stop register, and so re-identify who
 * answered; with a key kept outside the database it cannot.
 *
 * Where it lives: SURVEY_SECRET (several servers sharing one PostgreSQL must use the same value),
 * else the file `DATA_DIR/survey-secret.key`, created with 32 random bytes on first start (mode
 * 0600). Keep the file out of database backups, and keep it: a new key still accepts dossier
 * codes, but no longer recognises one already answered under the old key. See docs/surveys.md.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SURVEY_SECRET_FILE = 'survey-secret.key';

export async function loadSurveySecret(opts: { secret?: string; dataDir: string }): Promise<Buffer> {
  if (opts.secret) return Buffer.from(opts.secret, 'utf8');
  const file = path.join(opts.dataDir, SURVEY_SECRET_FILE);
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(opts.dataDir, { recursive: true });
  try {
    // 'wx': two servers starting together on one folder — the second reads the first one's key.
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
}

/** The stored value of a dossier code: HMAC-SHA256 under the secret, per questionnaire, case-insensitive. */
export const dossierDigest = (secret: Buffer, questionnaireId: string, dossierCode: string) =>
  createHmac('sha256', secret).update(`${questionnaireId}:${dossierCode.trim().toUpperCase()}`).digest('hex');
