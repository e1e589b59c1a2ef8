import type { PGlite } from '@electric-sql/pglite';

/**
 * A character device in PGlite's virtual file system that `COPY … FROM '<path>'` reads a chunk from,
 * straight out of the caller's bytes.
 *
 * PGlite's own `/dev/blob` (the `blob` query option) copies the data twice before the server sees it
 * (into a Blob, then out as an ArrayBuffer) and hands it over byte by byte in a JavaScript loop: at
 * 750,000 generated rows that was about a fifth of the COPY phase. This device copies each read
 * (64 kB, PostgreSQL's COPY buffer) into the WebAssembly heap with one typed-array `set`.
 *
 * Uses the Emscripten module PGlite exposes (`PGlite.Module`, its documented escape hatch): a device
 * with `read` and `llseek`, registered under a device number no one else has taken.
 */

/** The part of Emscripten's FS this device needs. */
interface DeviceFS {
  makedev(major: number, minor: number): number;
  getDevice(dev: number): unknown;
  registerDevice(dev: number, ops: DeviceOps): void;
  mkdev(path: string, dev: number): void;
  ErrnoError: new (errno: number) => Error;
}

interface DeviceStream {
  position: number;
}

interface DeviceOps {
  read(stream: DeviceStream, buffer: Int8Array, offset: number, length: number, position: number): number;
  llseek(stream: DeviceStream, offset: number, whence: number): number;
}

const EIO = 29;
const EINVAL = 28;
const SEEK_CUR = 1;
const SEEK_END = 2;

export interface CopyDevice {
  /** The path COPY reads from. */
  readonly path: string;
  /** Runs `fn` (the COPY statement) while the device serves `data`. */
  serve<T>(data: Uint8Array, fn: () => Promise<T>): Promise<T>;
}

export function createCopyDevice(pgl: PGlite, path = '/dev/insats-copy'): CopyDevice {
  const fs = pgl.Module.FS as unknown as DeviceFS;
  let data: Uint8Array | null = null;
  const current = () => {
    if (data === null) throw new fs.ErrnoError(EIO);
    return data;
  };
  let major = 200;
  while (fs.getDevice(fs.makedev(major, 0)) !== undefined) major++;
  const dev = fs.makedev(major, 0);
  fs.registerDevice(dev, {
    read(_stream, buffer, offset, length, position) {
      const bytes = current();
      const n = Math.max(0, Math.min(length, bytes.length - position));
      if (n > 0) {
        new Uint8Array(buffer.buffer, buffer.byteOffset + offset, n).set(
          bytes.subarray(position, position + n),
        );
      }
      return n;
    },
    llseek(stream, offset, whence) {
      const end = current().length;
      const position =
        whence === SEEK_CUR ? stream.position + offset : whence === SEEK_END ? end + offset : offset;
      if (position < 0) throw new fs.ErrnoError(EINVAL);
      return position;
    },
  });
  fs.mkdev(path, dev);
  return {
    path,
    async serve(bytes, fn) {
      if (data !== null) throw new Error('COPY-enheten används redan av en annan inläsning.');
      data = bytes;
      try {
        return await fn();
      } finally {
        data = null;
      }
    },
  };
}
