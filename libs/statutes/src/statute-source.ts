import type { CodeBook } from './types';

export interface StatuteSource {
  /** e.g. "California Penal Code section 647, California Legislative Information". */
  title: string;
  /** The page of the section (California codes), or of the code (San Francisco Police Code). */
  url: string;
}

/** California Legislative Information's `lawCode` for each California code book. */
const LEGINFO_LAW_CODES: Partial<Record<CodeBook, { lawCode: string; name: string }>> = {
  PC: { lawCode: 'PEN', name: 'California Penal Code' },
  HS: { lawCode: 'HSC', name: 'California Health and Safety Code' },
  VC: { lawCode: 'VEH', name: 'California Vehicle Code' },
  BP: { lawCode: 'BPC', name: 'California Business and Professions Code' },
  WI: { lawCode: 'WIC', name: 'California Welfare and Institutions Code' },
  GC: { lawCode: 'GOV', name: 'California Government Code' },
  FG: { lawCode: 'FGC', name: 'California Fish and Game Code' },
};

const SF_POLICE_CODE_URL = 'https://codelibrary.amlegal.com/codes/san_francisco/latest/sf_police/0-0-0-1';

/**
 * Where to read a section: California Legislative Information's page for a California code section
 * (`codes_displaySection.xhtml?lawCode=PEN&sectionNum=647`), the San Francisco Police Code for `MC`; null for a
 * code book with no public page of ours (`CCR`). `section` is the section number as the law writes it: `647`,
 * `653.22`, `266h`.
 */
export function statuteSource(codeBook: CodeBook, section: string): StatuteSource | null {
  const california = LEGINFO_LAW_CODES[codeBook];
  if (california) {
    return {
      title: `${california.name} section ${section}, California Legislative Information`,
      url: `https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=${california.lawCode}&sectionNum=${encodeURIComponent(section)}`,
    };
  }
  if (codeBook === 'MC') return { title: `San Francisco Police Code section ${section}, American Legal Publishing`, url: SF_POLICE_CODE_URL };
  return null;
}
