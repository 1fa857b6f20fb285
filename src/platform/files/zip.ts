// Reading an uploaded zip (an .xlsx) from disk: its central directory checked before anything is inflated, and entries inflated as bounded streams.
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../http/errors.ts';

export interface ZipLimits {
  /** Sum of the uncompressed sizes the directory declares, and of the bytes actually inflated. */
  maxInflatedBytes: number;
  maxEntries: number;
  /** Uncompressed ÷ compressed, checked for entries larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const MiB = 1024 * 1024;
const tooLarge = (message: string) => new AppError('PAYLOAD_TOO_LARGE', message);
const corrupt = (why: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', `无法读取该 .xlsx 文件：${why}`);

async function readAt(fd: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/**
 * An archive opened by its central directory. Every size, count and ratio is checked here, before a byte is
 * inflated; `open` then counts what it really inflates, because the directory is the sender's word and may lie.
 */
export class ZipArchive {
  /** The most bytes any one read of each entry has inflated: reading an entry twice does not spend twice. */
  private readonly inflatedBy = new Map<string, number>();
  private inflated = 0;
  private constructor(
    private readonly path: string,
    readonly entries: Map<string, ZipEntry>,
    private readonly limits: ZipLimits,
  ) {}

  static async open(path: string, limits: ZipLimits): Promise<ZipArchive> {
    const fd = await fs.promises.open(path, 'r');
    try {
      const { size } = await fd.stat();
      // The end record is in the last 22 + 65,535 (comment) bytes.
      const tailLength = Math.min(size, 22 + 0xffff);
      const tail = await readAt(fd, size - tailLength, tailLength);
      let eocd = -1;
      for (let i = tail.length - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === 0x06054b50) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) throw corrupt('找不到 zip 目录');
      const count = tail.readUInt16LE(eocd + 10);
      const cdSize = tail.readUInt32LE(eocd + 12);
      const cdOffset = tail.readUInt32LE(eocd + 16);
      if (count === 0xffff || cdOffset === 0xffffffff) throw corrupt('不支持 ZIP64 格式');
      if (count > limits.maxEntries) throw tooLarge(`文件包含的部件过多（超过 ${limits.maxEntries} 个）`);
      if (cdOffset + cdSize > size) throw corrupt('zip 目录越界');
      const cd = await readAt(fd, cdOffset, cdSize);
      const entries = new Map<string, ZipEntry>();
      let declared = 0;
      let at = 0;
      for (let n = 0; n < count; n++) {
        if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) throw corrupt('zip 目录损坏');
        const flags = cd.readUInt16LE(at + 8);
        const method = cd.readUInt16LE(at + 10);
        const compressedSize = cd.readUInt32LE(at + 20);
        const uncompressed = cd.readUInt32LE(at + 24);
        const nameLength = cd.readUInt16LE(at + 28);
        const extraLength = cd.readUInt16LE(at + 30);
        const commentLength = cd.readUInt16LE(at + 32);
        const localOffset = cd.readUInt32LE(at + 42);
        const name = cd.subarray(at + 46, at + 46 + nameLength).toString('utf8');
        at += 46 + nameLength + extraLength + commentLength;
        if (flags & 1) throw corrupt('文件已加密');
        if (method !== 0 && method !== 8) throw corrupt('不支持的压缩方式');
        if (compressedSize === 0xffffffff || uncompressed === 0xffffffff) throw corrupt('不支持 ZIP64 格式');
        if (localOffset + compressedSize > size) throw corrupt('zip 部件越界');
        if (entries.has(name)) throw corrupt(`部件 ${name} 重复`);
        declared += uncompressed;
        if (declared > limits.maxInflatedBytes) {
          throw tooLarge(`文件解压后超过 ${limits.maxInflatedBytes / MiB} MiB 的上限`);
        }
        if (uncompressed > limits.ratioFloorBytes && uncompressed > compressedSize * limits.maxRatio) {
          throw tooLarge(
            `文件解压后超过 ${limits.maxInflatedBytes / MiB} MiB 的上限或压缩比异常（${name} 超过 ${limits.maxRatio} 倍）`,
          );
        }
        entries.set(name, { name, method, compressedSize, size: uncompressed, localOffset });
      }
      return new ZipArchive(path, entries, limits);
    } finally {
      await fd.close();
    }
  }

  /**
   * The entry's content as a stream that fails with 413 as soon as it yields more than the directory declared,
   * `cap` allows, or the archive's budget has left — however little the compressed bytes were.
   */
  async open(name: string, cap = Infinity): Promise<Readable> {
    const e = this.entries.get(name);
    if (!e) throw corrupt(`缺少部件 ${name}`);
    if (e.size > cap) throw tooLarge(`${name} 解压后超过 ${Math.floor(cap / MiB)} MiB 的上限`);
    const fd = await fs.promises.open(this.path, 'r');
    let local: Buffer;
    try {
      local = await readAt(fd, e.localOffset, 30);
    } finally {
      await fd.close();
    }
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw corrupt('zip 部件头损坏');
    const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const raw = fs.createReadStream(this.path, {
      start,
      end: start + Math.max(e.compressedSize, 1) - 1,
    });
    const limit = Math.min(e.size, cap);
    let seen = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        seen += chunk.length;
        const before = this.inflatedBy.get(name) ?? 0;
        if (seen > before) {
          this.inflated += seen - before;
          this.inflatedBy.set(name, seen);
        }
        if (seen > limit) {
          return done(
            tooLarge(`${name} 解压后的大小超过文件目录所声明的 ${limit} 字节（文件已损坏或被篡改）`),
          );
        }
        if (this.inflated > this.limits.maxInflatedBytes) {
          return done(tooLarge(`文件解压后超过 ${this.limits.maxInflatedBytes / MiB} MiB 的上限`));
        }
        done(null, chunk);
      },
    });
    const fail = (err: Error) => {
      raw.destroy();
      counter.destroy(err instanceof AppError ? err : corrupt('数据损坏'));
    };
    raw.on('error', fail);
    if (e.method === 0) {
      raw.pipe(counter);
    } else {
      const inflate = createInflateRaw();
      inflate.on('error', fail);
      raw.pipe(inflate).pipe(counter);
      counter.on('close', () => {
        raw.destroy();
        inflate.destroy();
      });
    }
    counter.on('close', () => raw.destroy());
    return counter;
  }
}
