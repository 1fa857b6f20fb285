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
