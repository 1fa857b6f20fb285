// Spreadsheets over HTTP: uploads spooled to disk, an .xlsx streamed row by row to the client while it is written, download headers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { MAX_UPLOAD_BYTES } from './app.ts';

export interface SpooledUpload {
  path: string;
  filename: string;
  /** Removes the file; safe to call more than once. */
  cleanup: () => Promise<void>;
}

/**
 * Receives the one file of a multipart upload onto disk (never whole in memory), so that a reader can take it at
 * its own pace. Refuses a request that is not multipart (415), has no file (400) or exceeds the upload limit (413).
 */
export async function receiveUpload(req: FastifyRequest): Promise<SpooledUpload> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
  const file = await req.file();
  if (!file) throw new AppError('VALIDATION', '没有收到文件', [{ path: 'file', message: '请选择文件' }]);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mtx-upload-'));
  const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
  const spooled = path.join(dir, 'upload');
  try {
    await pipeline(file.file, fs.createWriteStream(spooled));
  } catch (err) {
    await cleanup();
    throw err;
  }
  if (file.file.truncated) {
    await cleanup();
    throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB 的上传上限`);
  }
  return { path: spooled, filename: file.filename, cleanup };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function attachment(reply: FastifyReply, filename: string, type: string): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
}

/**
 * Streams an .xlsx: `fill` adds sheets and commits rows as it reads them, so a large export never sits in memory.
 * A failure after the headers went out ends the stream (the client sees a broken download, not a false file).
 */
export function sendXlsx(
  reply: FastifyReply,
  filename: string,
  fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>,
) {
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  attachment(reply, filename, XLSX_TYPE);
  void (async () => {
    try {
      await fill(wb);
      await wb.commit();
    } catch (err) {
      stream.destroy(err as Error);
    }
  })();
  return reply.send(stream);
}
