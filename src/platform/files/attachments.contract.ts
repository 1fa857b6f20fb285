// What the API answers about a stored attachment (platform/files/attachments.ts attachmentView), shared by every
// module that keeps attachments: supervision reports, service-desk requests.
import { z } from 'zod';
import { idSchema } from '../http/common.contract.ts';

export const attachmentSchema = z.object({
  id: idSchema,
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedByLabel: z.string(),
  uploadedAt: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentSchema>;
