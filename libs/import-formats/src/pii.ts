import { normaliseColumnName } from './kinds';

/**
 * Columns that name or identify a person (import-formats.md "No personal
 * data"). A file with any of them is refused whole, before anything is stored.
 * Matched on normalised names; `Intersection` is a place, not an address.
 */
const EXACT = new Set([
  'name',
  'names',
  'firstname',
  'lastname',
  'middlename',
  'fullname',
  'surname',
  'givenname',
  'familyname',
  'alias',
  'aliases',
  'aka',
  'dob',
  'dateofbirth',
  'birthdate',
  'birthday',
  'ageindays',
  'ssn',
  'socialsecuritynumber',
  'socialsecurity',
  'driverlicense',
  'driverslicense',
  'driverlicence',
  'driverslicence',
  'driverlicensenumber',
  'dlnumber',
  'phone',
  'phonenumber',
  'telephone',
  'mobile',
  'cellphone',
  'email',
  'emailaddress',
  'address',
  'streetaddress',
  'homeaddress',
  'residenceaddress',
  'mailingaddress',
  'cii',
  'ciinumber',
  'fbi',
  'fbinumber',
  'bookingphoto',
  'photo',
  'mugshot',
]);

/** Parts that make any column personal, wherever they appear in its name. */
const PARTS = ['firstname', 'lastname', 'dateofbirth', 'birthdate', 'socialsecurity', 'driverslicen', 'driverlicen', 'phonenumber', 'emailaddress', 'streetaddress', 'mugshot'];
/** `<role> name`: victim name, suspect name, defendant name... */
const NAMED = /^(person|victim|witness|suspect|arrestee|defendant|reportingparty|officer|subject)(first|last|full)?names?$/;

export function isPiiColumn(column: string): boolean {
  const n = normaliseColumnName(column);
  if (EXACT.has(n) || NAMED.test(n)) return true;
  return PARTS.some((part) => n.includes(part));
}
