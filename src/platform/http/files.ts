// Sending spreadsheets: an .xlsx streamed row by row to the client while it is written, and download headers.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

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
