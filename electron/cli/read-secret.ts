/**
 * A password for the CLI, never on the command line (where `ps` and shell history would keep it):
 * from a terminal without echo, else the first line of piped stdin.
 */
import { createInterface } from 'node:readline';

function fromTerminal(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let typed = '';
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

function firstLine(): Promise<string> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, terminal: false });
    let line: string | null = null;
    lines.once('line', (text) => {
      line = text;
      lines.close();
    });
    lines.once('close', () => resolve(line ?? ''));
  });
}

export async function readSecret(prompt: string): Promise<string> {
  return process.stdin.isTTY ? fromTerminal(prompt) : firstLine();
}
