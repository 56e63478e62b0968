import { BadRequestException, ConflictException, Controller, HttpException, HttpStatus, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IMPORT_KINDS, isImportKind } from '@sra/import-formats';
import type { CurrentUser as CurrentUserShape, ImportBatchResult, ImportPreview } from '@sra/contracts';
import { AllowRoles, CurrentUser } from '../auth/decorators/access.decorators';
import { EvaluationService } from '../compliance/evaluation/evaluation.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { UploadQueryDto } from './dto/upload-query.dto';
import { IngestService } from './ingest.service';
import { BodyWatch, receiveUpload, UploadInterrupted, type UploadBodyLimits } from './upload-body';
import { UploadSlots } from './upload-slots';

/**
 * `POST /api/ingest/<kind>`: a multipart upload with one file field, streamed
 * straight into the load (never buffered whole). 200 with the batch when it
 * landed (rejected rows included), 422 when the file was refused whole.
 * A landed batch is then evaluated in the background.
 *
 * `?dryRun=true`: the whole load, rolled back; 200 with what it would do (or
 * 422 with why the file would be refused), nothing stored. A load that would
 * update existing records lands only with `?confirmUpdates=<that number>`;
 * otherwise 409 with the preview (nothing stored).
 *
 * At most `AUDIT_UPLOADS_PER_USER` uploads per user and `AUDIT_UPLOADS_MAX` in all run at once (dry runs too); one
 * more gets 429 with `Retry-After`. A body silent for `AUDIT_UPLOAD_IDLE_SECONDS`, or not all in after
 * `AUDIT_UPLOAD_MAX_SECONDS`, is ended: 408, the load rolled back, its batch recorded as refused with the reason.
 */
@ApiTags('ingest')
@ApiCookieAuth()
@AllowRoles('dataLoading')
@Controller('ingest')
export class IngestController {
  private readonly bodyLimits: UploadBodyLimits;

  constructor(
    private readonly ingest: IngestService,
    private readonly evaluation: EvaluationService,
    private readonly slots: UploadSlots,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.bodyLimits = { idleSeconds: config.uploadIdleSeconds, maxSeconds: config.uploadMaxSeconds };
  }

  @Post(':kind')
  @ApiConsumes('multipart/form-data')
  async upload(
    @Param('kind') kind: string,
    @Query() query: UploadQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: CurrentUserShape,
  ): Promise<ImportBatchResult | ImportPreview> {
    if (!isImportKind(kind)) throw new BadRequestException(`Unknown kind "${kind}": one of ${IMPORT_KINDS.join(', ')}`);
    if (!String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      throw new BadRequestException('Send the file as multipart/form-data, in a field named "file".');
    }
    const options = { dryRun: query.dryRun === 'true', confirmUpdates: query.confirmUpdates === undefined ? undefined : Number(query.confirmUpdates) };
    // The cap comes first: before a byte of the body is read and before the load opens its database connection.
    const slot = this.slots.take(user.id);
    if (!('release' in slot)) {
      res.setHeader('Retry-After', String(slot.retryAfterSeconds));
      // The body already on its way is read and dropped, so that the client sees the answer; a client that stalls
      // meanwhile is disconnected.
      new BodyWatch(req, this.bodyLimits, () => req.socket?.destroy()).start();
      throw new HttpException({ statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: slot.message }, HttpStatus.TOO_MANY_REQUESTS);
    }
    let result: ImportBatchResult | ImportPreview;
    try {
      // An upload announced as larger than the limit is refused (and recorded) before a byte is read.
      const announced = Number(req.headers['content-length'] ?? NaN);
      const sizeBytes = Number.isFinite(announced) && announced > this.ingest.maxImportBytes ? announced : undefined;
      const received = await receiveUpload(req, this.bodyLimits, (input, fileName) =>
        this.ingest.load({ kind, fileName, input, sizeBytes, loadedBy: { userId: user.id, label: user.email }, source: 'http' }, options),
      );
      result = received.value;
      // Refused because the body was cut (not for what it held): said as a timeout, naming the batch that records it.
      const cut = received.interruption;
      const refused = result as { status: string; reason?: string; batchId?: string };
      if (cut && refused.status === 'refused' && refused.reason === cut.message) interrupted(res, cut, refused.batchId);
    } catch (error) {
      if (error instanceof UploadInterrupted) interrupted(res, error);
      throw error;
    } finally {
      slot.release();
    }
    if (result.status === 'needs-confirmation') {
      const asked = options.confirmUpdates;
      throw new ConflictException({
        statusCode: HttpStatus.CONFLICT,
        error: 'Conflict',
        message:
          asked === undefined
            ? `This file would update ${result.updated} existing ${result.updated === 1 ? 'record' : 'records'}; nothing was loaded. Check the changes, then load it again confirming ${result.updated} ${result.updated === 1 ? 'update' : 'updates'} (confirmUpdates=${result.updated}).`
            : `This file would now update ${result.updated} existing ${result.updated === 1 ? 'record' : 'records'}, not the ${asked} confirmed (the records may have changed since the preview); nothing was loaded. Preview it again and confirm the new number.`,
        preview: result,
      });
    }
    res.status(result.status === 'loaded' || result.status === 'preview' ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY);
    // The flags follow the data: the people this batch touched are evaluated again, without holding up the answer.
    if (result.status === 'loaded') this.evaluation.evaluateInBackground({ trigger: 'ingest', requestedBy: user.email, batchId: (result as ImportBatchResult).batchId });
    return result;
  }
}

/** An upload whose body was cut: 408 (400 when the client went away), and the connection closed. */
function interrupted(res: Response, cut: UploadInterrupted, batchId?: string): never {
  // The rest of the body is not read: the connection cannot carry another request.
  res.setHeader('Connection', 'close');
  const status = cut.why === 'aborted' ? HttpStatus.BAD_REQUEST : HttpStatus.REQUEST_TIMEOUT;
  const error = status === HttpStatus.BAD_REQUEST ? 'Bad Request' : 'Request Timeout';
  throw new HttpException({ statusCode: status, error, message: cut.message, ...(batchId ? { batchId } : {}) }, status);
}
