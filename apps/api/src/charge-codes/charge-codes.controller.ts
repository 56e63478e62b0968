import { Body, Controller, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ChargeCodeRecord } from '@sra/contracts';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../common/list-response';
import { CHARGE_CODE_LIST, ChargeCodesService } from './charge-codes.service';
import { DescribeChargeCodeDto } from './dto/describe-charge-code.dto';

/** The charge codes of the loaded records in plain words: reviewers, analysts and admins read them; admins describe them. */
@ApiTags('charge-codes')
@ApiCookieAuth()
@Controller('charge-codes')
export class ChargeCodesController {
  constructor(private readonly codes: ChargeCodesService) {}

  @Get()
  @AllowRoles('caseLevel')
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<ChargeCodeRecord[]> {
    const query = parseListQueryOrThrow(raw, CHARGE_CODE_LIST);
    const { rows, total } = await this.codes.list(query);
    return sendPage(res, 'charge-codes', query, rows, total);
  }

  @Get(':id')
  @AllowRoles('caseLevel')
  get(@Param('id') code: string): Promise<ChargeCodeRecord> {
    return this.codes.get(code);
  }

  @Put(':id')
  @AllowRoles('administration')
  put(@Param('id') code: string, @Body() body: DescribeChargeCodeDto, @Req() req: AuthenticatedRequest): Promise<ChargeCodeRecord> {
    return this.codes.put(code, body, req.user);
  }
}
