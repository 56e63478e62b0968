import { statuteSource } from './statute-source';

describe('statuteSource', () => {
  it('points a California code section at its page on California Legislative Information', () => {
    expect(statuteSource('PC', '647')).toEqual({
      title: 'California Penal Code section 647, California Legislative Information',
      url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=647',
    });
    expect(statuteSource('HS', '11350')?.url).toBe('https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=HSC&sectionNum=11350');
    expect(statuteSource('VC', '23152')?.url).toBe('https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=VEH&sectionNum=23152');
    expect(statuteSource('PC', '266h')?.url).toBe('https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=266h');
    expect(statuteSource('WI', '5150')?.title).toBe('California Welfare and Institutions Code section 5150, California Legislative Information');
  });

  it('points the San Francisco Police Code at its publisher, and has nothing for the Code of Regulations', () => {
    expect(statuteSource('MC', '168')?.title).toBe('San Francisco Police Code section 168, American Legal Publishing');
    expect(statuteSource('MC', '168')?.url).toMatch(/^https:\/\/codelibrary\.amlegal\.com\/codes\/san_francisco\/latest\/sf_police\//);
    expect(statuteSource('CCR', '1')).toBeNull();
  });
});
