/**
 * The request body as text, or null once it passes `limit` bytes: stops reading there, whatever
 * Content-Length claimed, so a public route never buffers more than it accepts.
 */
export async function readLimited(request: Request, limit: number): Promise<string | null> {
  const bytes = await readLimitedBytes(request, limit);
  return bytes === null ? null : bytes.toString("utf8");
}

/** The same, as bytes: for a body that is not UTF-8 text (a raw email in its own charset). */
export async function readLimitedBytes(request: Request, limit: number): Promise<Buffer | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
