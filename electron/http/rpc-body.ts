import type { IncomingMessage } from 'node:http';

/** Larger than any contract call's arguments (10 000 paths of 4 KiB would be 40 MB: refused). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A request refused before it reaches the contract, with the HTTP status to answer. */
export class BodyError extends Error {
  constructor(readonly status: 400 | 413 | 415, message: string) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * The arguments of `POST /rpc/:name`. Only `application/json`: a cross-site form or `text/plain`
 * post would need no preflight, so those types are refused outright. Too large a body is refused
 * from its `Content-Length` before a byte is read, else as soon as the stream passes the limit.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new BodyError(415, 'send the arguments as application/json');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyError(413, `request body over ${limit} bytes`);
  const chunks = await new Promise<Buffer[]>((resolve, reject) => {
    const collected: Buffer[] = [];
    let size = 0;
    let over = false;
    // Events, not `for await`: leaving that loop early destroys the socket, and the client, still
    // sending, would get a reset instead of the 413. Past the limit the rest is only drained.
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        collected.length = 0;
        reject(new BodyError(413, `request body over ${limit} bytes`));
        return;
      }
      collected.push(chunk);
    });
    req.on('end', () => resolve(collected));
    req.on('error', reject);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new BodyError(400, `bad request body: ${(error as Error).message}`);
  }
}
