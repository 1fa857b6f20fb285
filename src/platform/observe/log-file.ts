// --log-file: the JSON log lines go to a file that rolls daily and by size (pino-roll), keeping the newest few.
import path from 'node:path';
import fs from 'node:fs';
import roll from 'pino-roll';

export interface LogFileOptions {
  /** e.g. /var/log/mantianxing/server.log → server.2026-12-04.1.log, .2.log … in that directory. */
  file: string;
  /** Roll when a file reaches this size: '50m', '500k', '1g'. */
  size: string;
  /** Rolled files kept besides the one being written. */
  keep: number;
}

export interface LogFile {
  /** Where log lines go (ServerDeps.logStream). */
  stream: { write(line: string): boolean };
  /** The file being written now. */
  current(): string;
  /** Writes out what is buffered and closes the file (at shutdown). */
  close(): Promise<void>;
}

export async function openLogFile(opts: LogFileOptions): Promise<LogFile> {
  fs.mkdirSync(path.dirname(opts.file), { recursive: true });
  const stream = await roll({
    file: opts.file,
    size: opts.size,
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    // The limit counts files of earlier runs too: a server restarted daily still keeps only `keep` of them.
    limit: { count: opts.keep + 1, removeOtherLogFiles: true },
    mkdir: true,
  });
  await new Promise<void>((resolve, reject) => {
    stream.once('ready', () => resolve());
    stream.once('error', reject);
  });
  return {
    stream,
    current: () => stream.file,
    close: async () => {
      await new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.once('finish', () => resolve());
        stream.end();
      });
    },
  };
}
