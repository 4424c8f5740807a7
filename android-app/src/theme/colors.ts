// The palette, named by meaning (good, bad, warn, info…), in Material colours: green, red, orange, blue.
export const colors = {
  good: '#2e7d32',
  bad: '#c62828',
  warn: '#ef6c00',
  info: '#1565c0',
  muted: '#616161',
  text: '#212121',
  background: '#f5f5f5',
  card: '#ffffff',
  border: '#e0e0e0',
  goodSurface: '#e8f5e9',
  badSurface: '#ffebee',
  warnSurface: '#fff3e0',
  onAccent: '#ffffff',
} as const;

export type Color = (typeof colors)[keyof typeof colors];
