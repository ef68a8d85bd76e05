import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/** Why a body could not be read, with the status to answer. */
export class BodyError extends Error {
  readonly status: 400 | 413 | 415;
  readonly reason: string;
  constructor(status: 400 | 413 | 415, reason: string, message: string) {
    super(message);
    this.name = 'BodyError';
    this.status = status;
    this.reason = reason;
  }
}

export interface BodyLimits {
  /** Largest body accepted after decompression. */
  maxBytes: number;
  /** Largest body accepted on the wire (compressed). Default: maxBytes. */
  maxWireBytes?: number;
}

/**
 * Reads a request body within limits, whatever the client claims: Content-Length is checked first,
 * a chunked body is counted as it arrives and cut off at the limit, and a compressed body is
 * inflated with an output cap, so a gzip bomb costs at most `maxBytes` of memory.
 */
export async function readBody(request: Request, { maxBytes, maxWireBytes = maxBytes }: BodyLimits): Promise<Buffer> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  const inflater = INFLATERS[encoding];
  if (!inflater && encoding !== 'identity') {
    throw new BodyError(
      415,
      'unsupported-encoding',
      `unsupported Content-Encoding "${encoding}"; send the body uncompressed or with gzip`,
    );
  }
  const wireLimit = inflater ? maxWireBytes : maxBytes;
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > wireLimit) throw tooLarge(wireLimit);
  const wire = await readCapped(request, wireLimit);
  return inflater ? inflateCapped(wire, encoding, maxBytes) : wire;
}

/** Inflates gzip or deflate data, refusing (413) output over `maxBytes` before it is allocated. */
export async function inflateCapped(wire: Buffer, encoding: string, maxBytes: number): Promise<Buffer> {
  const inflater = INFLATERS[encoding];
  if (!inflater) throw new BodyError(415, 'unsupported-encoding', `unsupported encoding "${encoding}"`);
  try {
    return await inflater(wire, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw tooLarge(maxBytes);
    }
    throw new BodyError(400, 'bad-compression', `body is not valid ${encoding} data: ${(error as Error).message}`);
  }
}

const INFLATERS: Record<string, (data: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>> = {
  gzip: gunzipAsync,
  'x-gzip': gunzipAsync,
  deflate: inflateAsync,
};

async function readCapped(request: Request, limit: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): BodyError {
  return new BodyError(413, 'too-large', `body larger than ${limit} bytes`);
}
