// What an import says about where it read its data: the format, sheet, header row, hidden rows, encoding.
import { z } from 'zod';

export const sheetReadSchema = z.object({
  /** xlsx, xls, ods or csv. */
  format: z.string(),
  /** The sheet read; null for a .csv. */
  sheet: z.string().nullable(),
  /** The header's row number in the sheet (1 = the first); rows above it (a title) were skipped. */
  headerRow: z.number().int(),
  /** Data rows hidden in the office program: imported like the others. */
  hiddenRows: z.number().int(),
  /** A .csv's encoding as found: UTF-8, UTF-8 BOM or GB18030; null for a workbook. */
  encoding: z.string().nullable(),
});
export type SheetRead = z.infer<typeof sheetReadSchema>;
