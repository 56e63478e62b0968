import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { REVIEW_STATUSES, type ReviewStatus } from '@sra/contracts';

const STATUS_MESSAGE = `status must be one of ${REVIEW_STATUSES.join(', ')}`;

export class ReviewChangeDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_STATUSES, { message: STATUS_MESSAGE })
  status?: ReviewStatus;

  @ApiPropertyOptional({ nullable: true, description: 'A user id; null to unassign; absent leaves it unchanged' })
  @ValidateIf((o: ReviewChangeDto) => o.assigneeId !== undefined && o.assigneeId !== null)
  @IsUUID('all', { message: 'assigneeId must be a user id (or null to unassign)' })
  assigneeId?: string | null;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000, { message: 'a note holds at most 4,000 characters' })
  note?: string;

  @ApiPropertyOptional({ description: 'The version last read; a change made on a stale page is refused (409)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

/**
 * The same change to many cases (no `version`: a bulk change applies to each case as it is). `caseIds`; `flagIds`
 * (older clients) name flags and mean their cases.
 */
export class BulkReviewChangeDto extends OmitType(ReviewChangeDto, ['version'] as const) {
  @ApiPropertyOptional({ type: [String], maxItems: 1000 })
  @ValidateIf((o: BulkReviewChangeDto) => o.caseIds !== undefined || o.flagIds === undefined)
  @IsArray({ message: 'caseIds must list the cases to change' })
  @ArrayMinSize(1, { message: 'caseIds must name at least one case' })
  @ArrayMaxSize(1000, { message: 'at most 1,000 cases at once' })
  @IsString({ each: true })
  @Matches(/^[0-9a-f]{32}$/, { each: true, message: 'each of caseIds must be a case id (32 hexadecimal characters)' })
  caseIds?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'Flag ids, meaning their cases' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'flagIds must name at least one flag' })
  @ArrayMaxSize(1000, { message: 'at most 1,000 flags at once' })
  @IsString({ each: true })
  @Matches(/^[0-9a-f]{32}$/, { each: true, message: 'each of flagIds must be a flag id (32 hexadecimal characters)' })
  flagIds?: string[];
}
