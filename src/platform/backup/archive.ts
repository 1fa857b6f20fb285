// The backup archive: a .tar.gz holding manifest.json first, then data/<table>.copy per table (PostgreSQL COPY
// text format). The manifest lists every table with its row count and the sha256 of its file, and carries a
// checksum of itself; reading an archive checks all three and refuses it, naming the part, when anything differs.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, Writable, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import type { MigrationLevel } from '../db/level.ts';
import type { StoreKind } from './session.ts';

/** The archive format this code writes and the newest it reads. */
export const ARCHIVE_FORMAT = 1;
export const MANIFEST_FILE = 'manifest.json';

export interface TableEntry {
  name: string;
  /** The file in the archive, 'data/<table>.copy'. */
  file: string;
  columns: string[];
  rows: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: number;
  app: { name: 'mantianxing'; version: string };
  createdAt: string;
  store: StoreKind;
  /** 'copy': one COPY text file per table (the only content this version writes). */
  content: 'copy';
  migrations: MigrationLevel;
  districts: {
    id: string;
    name: string;
    plans: { code: string; dataVersion: number; contentHash: string }[];
  }[];
  tables: TableEntry[];
  /** sha256 of the manifest's canonical JSON without this field. */
  checksum: string;
}

/** A refusal to use an archive, with the reason (damaged, newer, wrong file). */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

export function manifestChecksum(m: Omit<Manifest, 'checksum'> & { checksum?: string }): string {
  const { checksum: _omit, ...rest } = m;
  return createHash('sha256').update(JSON.stringify(rest), 'utf8').digest('hex');
}

/** Counts lines (COPY text has one per row) and hashes what passes through. */
export function measuring() {
  const hash = createHash('sha256');
  const out = { rows: 0, bytes: 0, sha256: '' };
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      out.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) out.rows++;
      cb(null, chunk);
    },
    flush(cb) {
      out.sha256 = hash.digest('hex');
      cb();
    },
  });
  return { stream, out };
}

/** Measures a file already written. */
export async function measureFile(file: string): Promise<{ rows: number; bytes: number; sha256: string }> {
  const m = measuring();
  const sink = new Writable({ write: (_chunk, _enc, cb) => cb() });
  await pipeline(fs.createReadStream(file), m.stream, sink);
  return m.out;
}

/** Writes the archive: the manifest, then each table's file from `dir` (data/<table>.copy), gzip-compressed. */
export async function writeArchive(out: string, manifest: Manifest, dir: string): Promise<void> {
  const pack = tar.pack();
  const tmp = `${out}.partial`;
  const writing = pipeline(pack, zlib.createGzip({ level: 6 }), fs.createWriteStream(tmp));
  const add = (name: string, size: number, body: Readable | Buffer) =>
    new Promise<void>((resolve, reject) => {
      const entry = pack.entry({ name, size, mtime: new Date(manifest.createdAt) }, (err) =>
        err ? reject(err) : resolve(),
      );
      if (Buffer.isBuffer(body)) {
        entry.end(body);
      } else {
        body.on('error', reject);
        body.pipe(entry);
      }
    });
  try {
    const head = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
    await add(MANIFEST_FILE, head.length, head);
    for (const t of manifest.tables) {
      const file = path.join(dir, t.file);
      await add(t.file, t.bytes, fs.createReadStream(file));
    }
    pack.finalize();
    await writing;
    await fs.promises.rename(tmp, out);
  } catch (err) {
    pack.destroy();
    await writing.catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** Checks a manifest's own checksum and that this code can read its format. */
export function checkManifest(m: Manifest, archive: string): Manifest {
  if (typeof m.format !== 'number' || !Array.isArray(m.tables))
    throw new ArchiveError(`${archive}: manifest.json is not a Mantianxing backup manifest`);
  if (m.format > ARCHIVE_FORMAT)
    throw new ArchiveError(
      `${archive}: archive format ${m.format} is newer than this version reads (format ${ARCHIVE_FORMAT}); restore it with Mantianxing ${m.app?.version ?? 'of its version'} or later`,
    );
  if (manifestChecksum(m) !== m.checksum)
    throw new ArchiveError(`${archive}: manifest.json is damaged (its checksum does not match)`);
  return m;
}

function damaged(archive: string, where: string, err: unknown): ArchiveError {
  const why = err instanceof Error ? err.message : String(err);
  return new ArchiveError(`${archive}: the archive is damaged or truncated (${where}: ${why})`);
}

/** Reads only the manifest (the first entry): for listing backups. */
export async function readManifest(archive: string): Promise<Manifest> {
  const extract = tar.extract();
  const src = fs.createReadStream(archive);
  const gunzip = zlib.createGunzip();
  src.pipe(gunzip).pipe(extract);
  try {
    for await (const entry of extract) {
      if (entry.header.name !== MANIFEST_FILE)
        throw new ArchiveError(`${archive}: manifest.json is not the archive's first file`);
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      let m: Manifest;
      try {
        m = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest;
      } catch (err) {
        throw damaged(archive, MANIFEST_FILE, err);
      }
      return checkManifest(m, archive);
    }
    throw new ArchiveError(`${archive}: empty archive (no manifest.json)`);
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    throw damaged(archive, MANIFEST_FILE, err);
  } finally {
    src.destroy();
    gunzip.destroy();
    extract.destroy();
  }
}

/**
 * Unpacks an archive into `dir`, checking the manifest and every table file's size, row count and sha256 against
 * it: an archive is used whole or refused, before anything is written to a database.
 */
export async function extractArchive(archive: string, dir: string): Promise<Manifest> {
  let manifest: Manifest | undefined;
  const seen = new Set<string>();
  const extract = tar.extract();
  let current = MANIFEST_FILE;
  const reading = (async () => {
    for await (const entry of extract) {
      const name = entry.header.name;
      current = name;
      if (!manifest) {
        if (name !== MANIFEST_FILE)
          throw new ArchiveError(`${archive}: manifest.json is not the archive's first file`);
        const chunks: Buffer[] = [];
        for await (const c of entry) chunks.push(c as Buffer);
        try {
          manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest;
        } catch (err) {
          throw damaged(archive, MANIFEST_FILE, err);
        }
        checkManifest(manifest, archive);
        await fs.promises.mkdir(path.join(dir, 'data'), { recursive: true });
        continue;
      }
      const t = manifest.tables.find((x) => x.file === name);
      if (!t) throw new ArchiveError(`${archive}: unexpected file ${name} (not in the manifest)`);
      const m = measuring();
      await pipeline(entry, m.stream, fs.createWriteStream(path.join(dir, t.file)));
      if (m.out.bytes !== t.bytes || m.out.sha256 !== t.sha256 || m.out.rows !== t.rows)
        throw new ArchiveError(
          `${archive}: table ${t.name} is damaged (${t.file}: sha256 ${m.out.sha256.slice(0, 12)}… where the manifest says ${t.sha256.slice(0, 12)}…; ${m.out.rows} rows, expected ${t.rows})`,
        );
      seen.add(name);
    }
  })();
  const [piped, read] = await Promise.allSettled([
    pipeline(fs.createReadStream(archive), zlib.createGunzip(), extract),
    reading,
  ]);
  if (read.status === 'rejected' && read.reason instanceof ArchiveError) throw read.reason;
  if (piped.status === 'rejected') throw damaged(archive, current, piped.reason);
  if (read.status === 'rejected') throw damaged(archive, current, read.reason);
  if (!manifest) throw new ArchiveError(`${archive}: empty archive (no manifest.json)`);
  const missing = manifest.tables.filter((t) => !seen.has(t.file));
  if (missing.length)
    throw new ArchiveError(
      `${archive}: the archive is truncated: table file${missing.length > 1 ? 's' : ''} ${missing.map((t) => t.file).join(', ')} missing`,
    );
  return manifest;
}
