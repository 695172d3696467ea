export interface OutputStream {
  write(text: string): void;
  isTTY?: boolean;
}

/** Everything the command line touches outside its arguments, so tests can run it in-process. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  readStdin(): Promise<Uint8Array>;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

/**
 * Whether to colour output on a stream: FORCE_COLOR wins (`0`/`false` turn
 * colour off), then NO_COLOR (any non-empty value), then whether the stream
 * is a terminal.
 */
export function shouldUseColor(stream: OutputStream, env: Record<string, string | undefined>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}
