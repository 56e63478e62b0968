import { BadRequestException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { FileRefusal } from './ingest.service';

/** How long an upload's body may take: silent while the server reads it, and in all. */
export interface UploadBodyLimits {
  idleSeconds: number;
  maxSeconds: number;
}

/**
 * An upload ended before its body was all in. Thrown into the file stream the load reads, so the load rolls back like
 * for any refused file and its batch record says why.
 */
export class UploadInterrupted extends FileRefusal {
  constructor(
    readonly why: 'stalled' | 'too-slow' | 'aborted',
    message: string,
  ) {
    super(message);
    this.name = 'UploadInterrupted';
  }
}

function stalled(limits: UploadBodyLimits): UploadInterrupted {
  return new UploadInterrupted(
    'stalled',
    `The upload stalled: no data arrived for ${seconds(limits.idleSeconds)} (AUDIT_UPLOAD_IDLE_SECONDS), so the server ended it and nothing of the file was loaded. Send the file again.`,
  );
}

function tooSlow(limits: UploadBodyLimits): UploadInterrupted {
  return new UploadInterrupted(
    'too-slow',
    `The upload took longer than ${seconds(limits.maxSeconds)} to send (AUDIT_UPLOAD_MAX_SECONDS), so the server ended it and nothing of the file was loaded. ` +
      'Send it again over a faster connection, or load it with the CLI (audit ingest).',
  );
}

const aborted = () => new UploadInterrupted('aborted', 'The connection closed before the whole file arrived, so nothing of it was loaded.');

/**
 * Watches a request body: `onExpire` is called when no byte has arrived for `idleSeconds` while the body was being
 * read, or when the body is not all in `maxSeconds` after the watch started. Time the server itself held the body
 * back (the request paused because the load is busy, or waiting for its turn behind another load of the same kind)
 * is not silence on the client's part and does not count as idle. Polled, because a piped request resumes without
 * an event. Stops by itself at the end of the body.
 */
export class BodyWatch {
  private timer: NodeJS.Timeout | null = null;
  private idleMs = 0;

  constructor(
    private readonly req: Request,
    private readonly limits: UploadBodyLimits,
    public onExpire: (why: UploadInterrupted) => void,
  ) {}

  start(): this {
    if (this.req.complete || this.timer) return this;
    const started = Date.now();
    let last = started;
    const idleLimit = this.limits.idleSeconds * 1000;
    const onData = () => (this.idleMs = 0);
    this.req.on('data', onData);
    this.req.once('end', () => this.stop());
    this.req.once('close', () => this.stop());
    this.timer = setInterval(
      () => {
        const now = Date.now();
        if (this.req.readableFlowing !== false) this.idleMs += now - last;
        last = now;
        if (this.idleMs >= idleLimit) this.expire(stalled(this.limits));
        else if (now - started >= this.limits.maxSeconds * 1000) this.expire(tooSlow(this.limits));
      },
      Math.min(1000, Math.max(50, idleLimit / 4)),
    );
    this.timer.unref();
    this.stopData = () => this.req.off('data', onData);
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopData();
  }

  private stopData: () => void = () => undefined;

  private expire(why: UploadInterrupted): void {
    this.stop();
    this.onExpire(why);
  }
}

export interface ReceivedUpload<T> {
  value: T;
  /** Set when the body was ended early (stalled, too slow, or the client went away) while the load read it. */
  interruption: UploadInterrupted | null;
}

/**
 * Reads a multipart upload's one file field and hands it to `load` as a stream. The answer comes only once `load`
 * has ended (so its connection is closed before the caller releases the upload's slot). A body that stalls or takes
 * too long, or a client that goes away, ends the file stream with an `UploadInterrupted`: the load rolls back; before
 * the file began, the promise rejects with it. After the load, a client still sending (a refused file is read to its
 * end, so the answer reaches the client) that stalls or takes too long is disconnected.
 */
export function receiveUpload<T>(req: Request, limits: UploadBodyLimits, load: (file: Readable, fileName: string) => Promise<T>): Promise<ReceivedUpload<T>> {
  return new Promise((resolve, reject) => {
    let loading: Promise<T> | null = null;
    let loadEnded = false;
    let interruption: UploadInterrupted | null = null;
    let formError: Error | null = null;
    // Browsers send the file name as raw UTF-8; busboy's default reads it as Latin-1 ("DÃ©clarations.csv").
    const parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 10 } });
    const unreadable = (error: Error) => new BadRequestException(`The upload could not be read: ${error.message}`);

    const interrupt = (why: UploadInterrupted) => {
      if (loadEnded) {
        req.socket?.destroy();
        return;
      }
      if (interruption) return;
      interruption = why;
      req.unpipe(parser);
      // Ends the file stream the load is reading with this reason (busboy passes it on).
      parser.destroy(why);
      if (!loading) reject(why);
    };
    const watch = new BodyWatch(req, limits, interrupt);

    parser.on('file', (_field: string, file: Readable, info: { filename: string }) => {
      if (loading || interruption) {
        file.resume();
        return;
      }
      // The load reads the error of an ended stream when it gets to it (it may still be waiting for its turn): an
      // error event meanwhile, unheard, would take the process down.
      file.on('error', () => undefined);
      loading = load(file, info.filename || 'upload.csv');
      loading
        .finally(() => (loadEnded = true))
        .then(
          (value) => resolve({ value, interruption }),
          // A malformed form ends the file stream with busboy's error: the client's fault, said as such.
          (error: unknown) => reject(formError && !interruption ? unreadable(formError) : error),
        );
    });
    parser.on('error', (error: Error) => {
      if (error === interruption) return;
      formError ??= error;
      if (!loading) reject(unreadable(error));
    });
    parser.on('close', () => {
      if (!loading && !interruption) reject(new BadRequestException('No file in the upload: send it in a field named "file".'));
    });
    req.on('error', () => interrupt(aborted()));
    req.on('close', () => {
      if (!req.complete) interrupt(aborted());
    });
    req.pipe(parser);
    watch.start();
  });
}

function seconds(n: number): string {
  return n === 1 ? '1 second' : `${n.toLocaleString('en-US')} seconds`;
}
