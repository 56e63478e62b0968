/**
 * Columns that name or identify a person (import-formats.md "No personal data"). A file with any of them is refused
 * whole, before anything is stored: never loaded with the column dropped. `Intersection` is a place, not an address.
 *
 * Names are compared after `piiColumnKey`: letters and digits only, lowercased, with compatibility forms folded
 * (full-width letters, accents), so punctuation and spacing cannot hide a column: `E-mail`, `D.O.B.`, `Phone#`,
 * `Street-Address` and `Driver's License #` read `email`, `dob`, `phone`, `streetaddress`, `driverslicense`.
 */
const EXACT = new Set([
  // names
  'name',
  'names',
  'fname',
  'lname',
  'mname',
  'alias',
  'aliases',
  'aka',
  'nickname',
  'moniker',
  // birth
  'dob',
  'birthdt',
  'birthday',
  'ageindays',
  // identity numbers
  'ssn',
  'ssno',
  'socsec',
  'dl',
  'dlno',
  'dlnum',
  'dlnumber',
  'cii',
  'ciino',
  'ciinumber',
  'fbi',
  'fbino',
  'fbinumber',
  // phones
  'tel',
  'telno',
  'telnum',
  'cell',
  'cellno',
  'mobile',
  'mobileno',
  'fax',
  // email and addresses
  'mail',
  'address',
  'addr',
  'homeaddr',
  'streetaddr',
  // pictures
  'photo',
  'mugshot',
]);

/** Parts that make any column personal, wherever they appear in its name (`victimemail`, `suspectphone`). */
const PARTS = [
  'firstname',
  'lastname',
  'middlename',
  'fullname',
  'surname',
  'givenname',
  'familyname',
  'maidenname',
  'dateofbirth',
  'birthdate',
  'placeofbirth',
  'birthplace',
  'socialsecurity',
  'driverslicen',
  'driverlicen',
  'passport',
  'phone',
  'cellnumber',
  'mobilenumber',
  'email',
  'streetaddress',
  'homeaddress',
  'residenceaddress',
  'residentialaddress',
  'mailingaddress',
  'bookingphoto',
  'mugshot',
];

/** `<role> name`, `f name`: victim name, suspect name, defendant name... */
const NAMED = /^(person|victim|witness|suspect|arrestee|defendant|reportingparty|officer|subject|f|l|m)(first|last|full|middle)?names?$/;

/** A column name as the PII check compares it: letters and digits only, lowercased, compatibility forms folded. */
export function piiColumnKey(column: string): string {
  return column
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function isPiiColumn(column: string): boolean {
  const n = piiColumnKey(column);
  if (EXACT.has(n) || NAMED.test(n)) return true;
  return PARTS.some((part) => n.includes(part));
}
