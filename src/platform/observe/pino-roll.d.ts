// pino-roll 4 ships no types: the part the log file uses (a SonicBoom stream that rolls its file).
declare module 'pino-roll' {
  import type { EventEmitter } from 'node:events';
  interface RollStream extends EventEmitter {
    write(line: string): boolean;
    flushSync(): void;
    end(): void;
    readonly file: string;
  }
  interface RollOptions {
    file: string;
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    mkdir?: boolean;
    dateFormat?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    sync?: boolean;
  }
  export default function roll(options: RollOptions): Promise<RollStream>;
}
