import type pg from 'pg';

/**
 * `COPY … FROM STDIN` on a `pg` client without pg-copy-streams: a query object the client submits
 * like any other (node-postgres accepts anything with `submit`), which answers the server's
 * CopyInResponse with the data in CopyData messages and a CopyDone. The whole chunk is handed to the
 * socket at once, so the caller bounds memory by the size of the chunks it passes.
 */
class CopyIn {
  callback?: (err: Error | null, rows?: number) => void;
  private rows = 0;
  constructor(
    readonly text: string,
    private readonly data: Uint8Array,
  ) {}
  submit(connection: CopyConnection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: CopyConnection) {
    const step = 1 << 20;
    const buf = Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength);
    for (let i = 0; i < buf.length; i += step) connection.sendCopyFromChunk(buf.subarray(i, i + step));
    connection.endCopyFrom();
  }
  handleCommandComplete(msg: { text?: string }) {
    const m = /^COPY (\d+)/.exec(msg.text ?? '');
    if (m) this.rows = Number(m[1]);
  }
  handleReadyForQuery() {
    this.callback?.(null, this.rows);
  }
  handleError(err: Error) {
    // node-postgres drops the active query before the ReadyForQuery that follows an error.
    this.callback?.(err);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handlePortalSuspended() {}
  handleEmptyQuery() {}
  handleCopyData() {}
}

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Runs `statement` (a `COPY … FROM STDIN`) with `data` (in the format the statement names); returns the rows copied. */
export function copyFromStdin(client: pg.PoolClient, statement: string, data: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = new CopyIn(statement, data);
    q.callback = (err, rows) => (err ? reject(err) : resolve(rows ?? 0));
    client.query(q as never);
  });
}
