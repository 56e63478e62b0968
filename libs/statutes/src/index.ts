export type { CodeBook, ChargeLevel, ParsedCharge, ChargeParseFailure, ChargeParseResult } from './types';
export { CODE_BOOKS } from './types';
export { codeBookSpellings } from './code-books';
export { parseCharge, parseChargeList, inferCodeBook } from './parse';
export type { FormatChargeOptions } from './format';
export { formatCharge } from './format';
export type { RuleCode, RuleCodeParseResult, RuleCodeMatch } from './rule-code';
export { parseRuleCode, formatRuleCode, matchRuleCode, matchesRuleCode } from './rule-code';
