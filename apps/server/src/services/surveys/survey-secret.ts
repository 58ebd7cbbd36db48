/**
 * The installation's survey secret: the key of the HMAC that turns a one-stop dossier code into
 * the value stored with a kiosk response. A plain hash of a dossier code could be recomputed by
 * anyone holding a copy of the database and the one-stop register, and so re-identify who
 * answered; with a key kept outside the database — and outside its backups — it cannot.
 *
 * Where it lives: SURVEY_SECRET (several servers sharing one PostgreSQL must use the same value),
 * else the file SURVEY_SECRET_FILE, by default `parindex-secrets/survey-secret.key` beside the
 * data folder (never inside it: the data folder is what gets backed up), created with 32 random
 * bytes on first start (mode 0600, its folder 0700). A key left by an older ParIndex in
 * `DATA_DIR/survey-secret.key` is moved there on the first start, and the move logged.
 *
 * Keep it: a new key still accepts dossier codes, but no longer recognises one already answered
 * under the old key (docs/operations.md, "Sao lưu và khôi phục"; docs/surveys.md).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The key's file name, also its old place inside the data folder (`DATA_DIR/survey-secret.key`). */
export const SURVEY_SECRET_FILE = 'survey-secret.key';

export interface SurveySecretOptions {
  /** SURVEY_SECRET: used as is when set; no file is read or written. */
  secret?: string;
  /** The data folder, where an older ParIndex kept the key. */
  dataDir: string;
  /** SURVEY_SECRET_FILE (config.ts); default: parindex-secrets/survey-secret.key beside dataDir. */
  file?: string;
  /** Where the move of an old key is reported (default: standard error). */
  log?: (message: string) => void;
}

export async function loadSurveySecret(opts: SurveySecretOptions): Promise<Buffer> {
  if (opts.secret) return Buffer.from(opts.secret, 'utf8');
  const file = path.resolve(opts.file ?? path.join(path.dirname(path.resolve(opts.dataDir)), 'parindex-secrets', SURVEY_SECRET_FILE));
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const existing = await readKey(file);
  const legacy = path.join(path.resolve(opts.dataDir), SURVEY_SECRET_FILE);
  if (existing) {
    if (legacy !== file && (await readKey(legacy)))
      log(`Cảnh báo: khóa khảo sát cũ ${legacy} vẫn nằm trong thư mục dữ liệu, nhưng ParIndex dùng ${file}. Hãy so sánh rồi xóa tệp cũ để nó không đi vào bản sao lưu.`);
    return existing;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  if (legacy !== file && (await readKey(legacy))) {
    if (await moveKey(legacy, file))
      log(`Đã chuyển khóa khảo sát (mã hồ sơ một cửa) từ ${legacy} sang ${file}, ra ngoài thư mục dữ liệu, để nó không nằm trong bản sao lưu cơ sở dữ liệu.`);
  } else {
    try {
      // 'wx': two servers starting together on one folder — the second reads the first one's key.
      await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = await readKey(file);
  if (!key) throw new Error(`Tệp khóa khảo sát ${file} rỗng hoặc hỏng: hãy khôi phục nó từ nơi cất giữ, hoặc xóa để tạo khóa mới (mã hồ sơ đã trả lời sẽ không còn được nhận ra).`);
  return key;
}

/** The key in a file, or undefined when there is no file (or it is empty). */
async function readKey(file: string): Promise<Buffer | undefined> {
  try {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
    return key.length > 0 ? key : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Moves the old key to its new place without ever replacing a key there (a hard link, or an
 * exclusive copy across file systems), then removes the old file; mode 0600. When another process
 * put a key there first, the old file is left where it is (the next start warns about it) and
 * false is returned: the caller reads whatever is at `to`.
 */
async function moveKey(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    if (code !== 'EXDEV' && code !== 'EPERM') throw err;
    try {
      await copyFile(from, to, constants.COPYFILE_EXCL);
    } catch (again) {
      const c = (again as NodeJS.ErrnoException).code;
      if (c === 'EEXIST' || c === 'ENOENT') return false;
      throw again;
    }
  }
  await chmod(to, 0o600);
  await rm(from, { force: true });
  return true;
}

/** The stored value of a dossier code: HMAC-SHA256 under the secret, per questionnaire, case-insensitive. */
export const dossierDigest = (secret: Buffer, questionnaireId: string, dossierCode: string) =>
  createHmac('sha256', secret).update(`${questionnaireId}:${dossierCode.trim().toUpperCase()}`).digest('hex');
