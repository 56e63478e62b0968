import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateBy, ValidateIf, ValidateNested, type ValidationArguments } from 'class-validator';
import { AGENDA_ORDERS, REVIEW_STATUSES, type AgendaBulkRequest, type AgendaOrder, type BuildAgendaRequest, type MeetingAttendee, type MeetingDecision, type MeetingInput, type ReviewStatus } from '@sra/contracts';

/*
 * Each field is checked by one validator that names the one thing wrong with it, so a person reads one plain
 * message per field (stacked class-validator decorators would add "at most 200 characters" to a missing title).
 */

export const MEETING_STATUSES = ['planned', 'held'] as const;
const CONFIDENCES = ['high', 'medium', 'low'] as const;
const FLAG_ID = /^[0-9a-f]{32}$/;

/** A calendar day written YYYY-MM-DD that exists (no 2025-02-30). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A date-time with its zone, so it names one instant: 2025-01-15T09:00:00Z, 2025-01-15T09:00-08:00. */
function isZonedDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    isDay(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** One check, one message. */
const Check = (name: string, validate: (value: unknown) => boolean, message: (value: unknown) => string) =>
  ValidateBy({ name, validator: { validate, defaultMessage: (args?: ValidationArguments) => message(args?.value) } });

const IsDay = (message: string) => Check('isDay', isDay, () => message);

/** Text of at most `max` characters; `empty` given: it must not be blank either. */
const Text = (max: number, m: { type: string; long: string; empty?: string }) =>
  Check(
    'text',
    (v) => typeof v === 'string' && v.length <= max && (m.empty === undefined || /\S/.test(v)),
    (v) => (typeof v !== 'string' ? m.type : m.empty !== undefined && !/\S/.test(v) ? m.empty : m.long),
  );

/** A non-empty list of known values. */
const ListOf = (values: readonly string[], field: string, example: string) =>
  Check(
    'listOf',
    (v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && values.includes(x)),
    (v) =>
      !Array.isArray(v)
        ? `${field} must be a list, for example ${example}`
        : v.length === 0
          ? `${field} must name at least one of ${values.join(', ')}`
          : `each ${field} must be one of ${values.join(', ')}`,
  );

const FlagId = (field: string) => Check('flagId', (v) => typeof v === 'string' && FLAG_ID.test(v), () => `${field} must be a flag id (32 hexadecimal characters)`);

const DATE_MESSAGE = 'date must be the day of the meeting, written YYYY-MM-DD (for example 2025-01-15)';
const TITLE = { type: 'title must be text', empty: 'title must not be empty', long: 'title holds at most 200 characters' };
const NOTES = { type: 'notes must be text', long: 'notes hold at most 20,000 characters' };

export class AttendeeDto implements MeetingAttendee {
  @ApiProperty({ example: 'Dana Ortiz', maxLength: 200 })
  @Text(200, { type: 'each attendee needs a name', empty: 'each attendee needs a name', long: "an attendee's name holds at most 200 characters" })
  name!: string;

  @ApiPropertyOptional({ example: 'SFPD liaison', maxLength: 200 })
  @IsOptional()
  @Text(200, { type: "an attendee's role must be text", long: "an attendee's role holds at most 200 characters" })
  role?: string;
}

const Attendees = () =>
  applyDecorators(
    Check('attendees', (v) => Array.isArray(v) && v.length <= 100 && v.every((a) => a !== null && typeof a === 'object' && !Array.isArray(a)), (v) =>
      Array.isArray(v) && v.length > 100 ? 'a meeting lists at most 100 attendees' : 'attendees must be a list of people, each with a name and an optional role',
    ),
    ValidateNested({ each: true }),
    Type(() => AttendeeDto),
  );

export class CreateMeetingDto implements MeetingInput {
  @ApiProperty({ example: '2025-01-15', description: 'The day of the meeting' })
  @IsDay(DATE_MESSAGE)
  date!: string;

  @ApiPropertyOptional({ example: 'Review meeting 2025-01-15', maxLength: 200, description: 'Default: "Review meeting <date>"' })
  @IsOptional()
  @Text(200, TITLE)
  title?: string;

  @ApiPropertyOptional({ type: [AttendeeDto] })
  @IsOptional()
  @Attendees()
  attendees?: AttendeeDto[];

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @Text(20_000, NOTES)
  notes?: string;
}

/** Any of the fields; null is refused (it would erase a required field): send "" to clear the notes. */
export class UpdateMeetingDto implements Partial<MeetingInput> {
  @ApiPropertyOptional({ example: '2025-01-15' })
  @ValidateIf((o: UpdateMeetingDto) => o.date !== undefined)
  @IsDay(DATE_MESSAGE)
  date?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((o: UpdateMeetingDto) => o.title !== undefined)
  @Text(200, TITLE)
  title?: string;

  @ApiPropertyOptional({ type: [AttendeeDto] })
  @ValidateIf((o: UpdateMeetingDto) => o.attendees !== undefined)
  @Attendees()
  attendees?: AttendeeDto[];

  @ApiPropertyOptional({ maxLength: 20000 })
  @ValidateIf((o: UpdateMeetingDto) => o.notes !== undefined)
  @Text(20_000, NOTES)
  notes?: string;

  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @ValidateIf((o: UpdateMeetingDto) => o.status !== undefined)
  @IsIn(MEETING_STATUSES, { message: 'status must be planned or held' })
  status?: (typeof MEETING_STATUSES)[number];
}

const SINCE_UNTIL = (field: string) => `${field} must be a day (YYYY-MM-DD) or a date-time with its zone (for example 2025-01-15T09:00:00Z)`;

export class BuildAgendaDto implements BuildAgendaRequest {
  @ApiPropertyOptional({
    example: '2025-01-01',
    nullable: true,
    description:
      'Only cases flagged since then: a day (from its start, San Francisco time) or a date-time with its zone. Default: the day of the previous meeting, or a month before this one for the first meeting; null: from the beginning',
  })
  @ValidateIf((o: BuildAgendaDto) => o.since !== undefined && o.since !== null)
  @Check('dayOrDateTime', (v) => isDay(v) || isZonedDateTime(v), () => SINCE_UNTIL('since'))
  since?: string | null;

  @ApiPropertyOptional({ example: '2025-01-31', description: 'Only cases flagged until then: a day (to its end, San Francisco time) or a date-time with its zone' })
  @IsOptional()
  @Check('dayOrDateTime', (v) => isDay(v) || isZonedDateTime(v), () => SINCE_UNTIL('until'))
  until?: string;

  @ApiPropertyOptional({ enum: CONFIDENCES, description: 'The lowest confidence taken: high (only high), medium (high and medium), low (all)' })
  @IsOptional()
  @IsIn(CONFIDENCES, { message: `minConfidence must be one of ${CONFIDENCES.join(', ')}` })
  minConfidence?: 'high' | 'medium' | 'low';

  @ApiPropertyOptional({ enum: CONFIDENCES, isArray: true, description: 'Default: high and medium (or as minConfidence says)' })
  @IsOptional()
  @ListOf(CONFIDENCES, 'confidence', '["high","medium"]')
  confidence?: Array<'high' | 'medium' | 'low'>;

  @ApiPropertyOptional({ enum: REVIEW_STATUSES, isArray: true, description: 'Default: new and in_review' })
  @IsOptional()
  @ListOf(REVIEW_STATUSES, 'reviewStatus', '["new","in_review"]')
  reviewStatus?: ReviewStatus[];

  @ApiPropertyOptional({ minimum: 1, maximum: 2000, description: 'At most this many cases are added. Default: no limit' })
  @IsOptional()
  @IsInt({ message: 'limit must be a whole number of cases, from 1 to 2,000' })
  @Min(1, { message: 'limit must be a whole number of cases, from 1 to 2,000' })
  @Max(2000, { message: 'limit must be a whole number of cases, from 1 to 2,000' })
  limit?: number;

  @ApiPropertyOptional({ enum: AGENDA_ORDERS, description: 'newest (default): latest first; serious: high confidence, direct nexus, felony-free protected charges first' })
  @IsOptional()
  @IsIn(AGENDA_ORDERS, { message: `order must be one of ${AGENDA_ORDERS.join(', ')}` })
  order?: AgendaOrder;
}

export class AgendaBulkDto implements AgendaBulkRequest {
  @ApiProperty({ type: [String], description: 'Flag ids or case ids (32 hexadecimal characters), at most 2,000' })
  @Check(
    'ids',
    (v) => Array.isArray(v) && v.length >= 1 && v.length <= 2000 && v.every((x) => typeof x === 'string' && FLAG_ID.test(x)),
    (v) =>
      !Array.isArray(v) || v.length === 0
        ? 'ids must be a list of at least one case or flag id'
        : v.length > 2000
          ? 'ids holds at most 2,000 cases'
          : 'each of ids must be a case or flag id (32 hexadecimal characters)',
  )
  ids!: string[];
}

export class AddAgendaItemDto {
  @ApiProperty({ description: 'The flag (case) to add at the end of the agenda' })
  @FlagId('flagId')
  flagId!: string;
}

export class ReorderAgendaDto {
  @ApiProperty({ type: [String], description: 'Every flag id of the agenda, each once, in the new order' })
  @Check(
    'flagIds',
    (v) => Array.isArray(v) && v.length <= 10_000 && v.every((x) => typeof x === 'string' && FLAG_ID.test(x)),
    (v) =>
      !Array.isArray(v)
        ? 'flagIds must be the list of the agenda cases in their new order'
        : v.length > 10_000
          ? 'flagIds holds at most 10,000 cases'
          : 'each of flagIds must be a flag id (32 hexadecimal characters)',
  )
  flagIds!: string[];
}

export class MeetingDecisionDto implements MeetingDecision {
  @ApiProperty({ description: 'A case on this meeting agenda' })
  @FlagId('flagId')
  flagId!: string;

  @ApiProperty({ enum: REVIEW_STATUSES })
  @IsIn(REVIEW_STATUSES, { message: `status must be one of ${REVIEW_STATUSES.join(', ')}` })
  status!: ReviewStatus;

  @ApiPropertyOptional({ maxLength: 4000, description: 'Why: needed to dismiss a case or reopen a decision' })
  @IsOptional()
  @Text(4000, { type: 'note must be text', long: 'a note holds at most 4,000 characters' })
  note?: string;

  @ApiPropertyOptional({ description: 'The review version shown with the case (reviewVersion): a stale one is refused with 409' })
  @IsOptional()
  @IsInt({ message: 'version must be the whole number shown as the case’s reviewVersion' })
  @Min(0, { message: 'version must be the whole number shown as the case’s reviewVersion' })
  version?: number;
}

export class MinutesQueryDto {
  @ApiPropertyOptional({ enum: ['md', 'pdf'], description: 'Default: md (Markdown)' })
  @IsOptional()
  @IsIn(['md', 'pdf'], { message: 'format must be md or pdf' })
  format?: 'md' | 'pdf';
}
