import { parseChargeList } from '@sra/statutes';

export interface ParsedChargeText {
  /** Structured charges (libs/statutes), in the order written. */
  charges: Array<Record<string, unknown>>;
  /** Items that could not be parsed, kept raw with the reason: reported, never dropped. */
  unparsed: string[];
}

export function parseChargeText(raw: string): ParsedChargeText {
  const charges: Array<Record<string, unknown>> = [];
  const unparsed: string[] = [];
  for (const result of parseChargeList(raw)) {
    if (result.ok) charges.push({ ...result.charge });
    else unparsed.push(`${result.failure.raw}: ${result.failure.error}`);
  }
  return { charges, unparsed };
}
