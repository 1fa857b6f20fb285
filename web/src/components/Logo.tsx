// The Mantianxing mark: a star in a blue square with two small gold stars.
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#1d39c4" />
      <path fill="#fff" d="M32 8l5.6 15.4L54 24l-13 10 4.6 16L32 40.8 18.4 50 23 34 10 24l16.4-.6z" />
      <circle cx="52" cy="12" r="3" fill="#ffd666" />
      <circle cx="12" cy="52" r="2.5" fill="#ffd666" />
    </svg>
  );
}
