import { Controller, Get } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { AppInfo } from '@sra/contracts';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ImportBatchesService } from './import-batches.service';

@ApiTags('app')
@ApiCookieAuth()
@AllowRoles('everyone')
@Controller('app-info')
export class AppInfoController {
  constructor(private readonly batches: ImportBatchesService) {}

  /** What every page needs to know: whether the data shown is demo data. */
  @Get()
  async info(): Promise<AppInfo> {
    return { demoData: await this.batches.demoLoaded() };
  }
}
