import { BadRequestException, ConflictException, Controller, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { IMPORT_KINDS, isImportKind } from '@sra/import-formats';
import type { CurrentUser as CurrentUserShape, ImportBatchResult, ImportPreview } from '@sra/contracts';
import { AllowRoles, CurrentUser } from '../auth/decorators/access.decorators';
import { EvaluationService } from '../compliance/evaluation/evaluation.service';
import { UploadQueryDto } from './dto/upload-query.dto';
import { IngestService } from './ingest.service';

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
 */
@ApiTags('ingest')
@ApiCookieAuth()
@AllowRoles('dataLoading')
@Controller('ingest')
export class IngestController {
  constructor(
    private readonly ingest: IngestService,
    private readonly evaluation: EvaluationService,
  ) {}

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
    // An upload announced as larger than the limit is refused (and recorded) before a byte is read.
    const announced = Number(req.headers['content-length'] ?? NaN);
    const sizeBytes = Number.isFinite(announced) && announced > this.ingest.maxImportBytes ? announced : undefined;
    const options = { dryRun: query.dryRun === 'true', confirmUpdates: query.confirmUpdates === undefined ? undefined : Number(query.confirmUpdates) };
    const result = await new Promise<ImportBatchResult | ImportPreview>((resolve, reject) => {
      let seen = false;
      // Browsers send the file name as raw UTF-8; busboy's default reads it as Latin-1 ("DÃ©clarations.csv").
      const parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 10 } });
      parser.on('file', (_field: string, file: Readable, info: { filename: string }) => {
        seen = true;
        this.ingest
          .load({ kind, fileName: info.filename || 'upload.csv', input: file, sizeBytes, loadedBy: { userId: user.id, label: user.email }, source: 'http' }, options)
          .then(resolve, reject);
      });
      parser.on('error', (error: Error) => reject(new BadRequestException(`The upload could not be read: ${error.message}`)));
      parser.on('close', () => {
        if (!seen) reject(new BadRequestException('No file in the upload: send it in a field named "file".'));
      });
      req.pipe(parser);
    });
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
