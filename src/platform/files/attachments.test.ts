// Attachments' types from their first bytes (platform/files/attachments.ts).
import { describe, expect, it } from 'vitest';
import { sniffAttachment } from './attachments.ts';

describe('attachments', () => {
  it('decides the type by the first bytes, Office files by container and name', () => {
    expect(sniffAttachment('a.pdf', Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachment('x.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(sniffAttachment('r.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toContain('wordprocessingml');
    expect(sniffAttachment('r.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBeNull();
    expect(sniffAttachment('evil.pdf', Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffAttachment('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(
      'application/vnd.ms-excel',
    );
    expect(sniffAttachment('p.webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
  });
});
