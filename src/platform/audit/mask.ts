// Client addresses shown partly: enough to tell an office's network from a stranger's, not enough to name a device.

/** IPv4 keeps its first three octets (192.168.1.*); IPv6 its first three groups (2001:db8:85a3:*); else '*'. */
export function maskIp(ip: string | null | undefined): string {
  if (!ip) return '';
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.*`;
  if (ip.includes(':')) {
    const groups = ip.split(':').filter((g) => g !== '');
    return groups.length > 0 ? `${groups.slice(0, 3).join(':')}:*` : '*';
  }
  return '*';
}

/**
 * A phone number as staff see it in lists and pages (the full number is one audited read away): a mobile keeps its
 * first three and last four digits (138****5678), a shorter number its last four (****1234, 023-****1234 keeps the
 * separators), and a very short one its last two. Non-digits stay where they are.
 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '').length;
  const keepHead = digits >= 11 ? 3 : 0;
  const keepTail = digits >= 8 ? 4 : digits >= 4 ? 2 : 0;
  let seen = 0;
  return phone.replace(/\d/g, (d) => {
    const i = seen++;
    return i < keepHead || i >= digits - keepTail ? d : '*';
  });
}
