// Attachments (PDF, images, Office files) kept by a module in its own table: the size limit, the type read from the
// file's first bytes, the upload read whole once it passed both, and the download with its checks. Used by the
// supervision reports and the service desk's requests.
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.ts';
import { attachment, receiveUpload } from '../http/files.ts';
import type { AttachmentView } from './attachments.contract.ts';

/** The most an attachment may weigh. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const officeZip: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const officeOle: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};
const startsWith = (b: Uint8Array, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);

/**
 * The type of an attachment from its first bytes (not its name or the browser's word): PDF, PNG, JPEG, GIF, WebP,
 * and Office files — a zip named .docx/.xlsx/.pptx, an OLE2 compound file named .doc/.xls/.ppt. null: refused.
 */
export function sniffAttachment(fileName: string, bytes: Uint8Array): string | null {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(fileName)?.[1] ?? '').toLowerCase();
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeZip[ext] ?? null;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return officeOle[ext] ?? null;
  return null;
}

/** Words for the limits, for route summaries and messages. */
export const ATTACHMENT_KINDS_TEXT = '附件只能是 PDF、图片（PNG/JPEG/GIF/WebP）或 Office 文件';
export const ATTACHMENT_LIMIT_MIB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

/**
 * The one file of a multipart upload as an attachment: refused when larger than the limit (413), empty (400) or of
 * a type its first bytes do not show to be allowed (415). The spooled file is removed whatever happens.
 */
export async function readAttachmentUpload(
  req: FastifyRequest,
): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
  const upload = await receiveUpload(req);
  try {
    const { size } = await fs.promises.stat(upload.path);
    if (size > MAX_ATTACHMENT_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', `附件不能超过 ${ATTACHMENT_LIMIT_MIB} MiB`);
    if (size === 0) throw new AppError('VALIDATION', '文件为空', [{ path: 'file', message: '文件为空' }]);
    const bytes = await fs.promises.readFile(upload.path);
    const mime = sniffAttachment(upload.filename, bytes);
    if (!mime) throw new AppError('UNSUPPORTED_MEDIA_TYPE', ATTACHMENT_KINDS_TEXT);
    return { fileName: upload.filename.slice(0, 200) || 'attachment', mime, bytes };
  } finally {
    await upload.cleanup();
  }
}

export interface StoredAttachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedByLabel: string;
  uploadedAt: Date | string;
}

/** What the API answers about a stored attachment. */
export const attachmentView = (f: StoredAttachment): AttachmentView => ({
  id: f.id,
  fileName: f.fileName,
  mime: f.mime,
  size: f.size,
  sha256: f.sha256,
  uploadedByLabel: f.uploadedByLabel,
  uploadedAt: new Date(f.uploadedAt).toISOString(),
});

/** Sends a stored attachment as a download, never sniffed by the browser, with its SHA-256. */
export const sendAttachment = (
  reply: FastifyReply,
  f: { fileName: string; mime: string; sha256: string; bytes: Buffer },
) =>
  attachment(reply, f.fileName, f.mime)
    .header('x-content-type-options', 'nosniff')
    .header('x-sha256', f.sha256)
    .send(f.bytes);
