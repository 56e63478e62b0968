import { Body, Controller, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { IncidentCodeRecord } from '@sra/contracts';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../common/list-response';
import { CreateIncidentCodeDto, UpdateIncidentCodeDto } from './dto/incident-code.dto';
import { INCIDENT_CODE_LIST, IncidentCodesService } from './incident-codes.service';

/** The SFPD incident-code catalog, with the provenance of each entry: admins read it, add codes and correct entries. */
@ApiTags('incident-codes')
@ApiCookieAuth()
@AllowRoles('administration')
@Controller('incident-codes')
export class IncidentCodesController {
  constructor(private readonly codes: IncidentCodesService) {}

  @Get()
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<IncidentCodeRecord[]> {
    const query = parseListQueryOrThrow(raw, INCIDENT_CODE_LIST);
    const { rows, total } = await this.codes.list(query);
    return sendPage(res, 'incident-codes', query, rows, total);
  }

  @Get(':id')
  get(@Param('id') code: string): Promise<IncidentCodeRecord> {
    return this.codes.get(code);
  }

  @Post()
  create(@Body() body: CreateIncidentCodeDto, @Req() req: AuthenticatedRequest): Promise<IncidentCodeRecord> {
    return this.codes.create(body, req.user);
  }

  @Put(':id')
  update(@Param('id') code: string, @Body() body: UpdateIncidentCodeDto, @Req() req: AuthenticatedRequest): Promise<IncidentCodeRecord> {
    return this.codes.update(code, body, req.user);
  }
}
