/**
 * Common English nicknames and short forms → the given name records usually hold (a small table, on purpose: a
 * nickname only maps here when it almost always stands for one name; `CHRIS` (Christopher or Christine) and `ALEX`
 * do not, and `PAT` neither). Both sides are folded (`foldWords`). Read by `canonicalGivenName`; listed in
 * docs/keying.md.
 */
export const NICKNAMES: Readonly<Record<string, string>> = {
  ABE: 'ABRAHAM',
  AL: 'ALBERT',
  ANDY: 'ANDREW',
  BARB: 'BARBARA',
  BEN: 'BENJAMIN',
  BETH: 'ELIZABETH',
  BETTY: 'ELIZABETH',
  BILL: 'WILLIAM',
  BILLY: 'WILLIAM',
  BOB: 'ROBERT',
  BOBBY: 'ROBERT',
  CATHY: 'CATHERINE',
  CHUCK: 'CHARLES',
  CHARLIE: 'CHARLES',
  DAN: 'DANIEL',
  DANNY: 'DANIEL',
  DAVE: 'DAVID',
  DEBBIE: 'DEBORAH',
  DEBRA: 'DEBORAH',
  DICK: 'RICHARD',
  DON: 'DONALD',
  DOUG: 'DOUGLAS',
  ED: 'EDWARD',
  EDDIE: 'EDWARD',
  GREG: 'GREGORY',
  JACK: 'JOHN',
  JAKE: 'JACOB',
  JEFF: 'JEFFREY',
  JENNY: 'JENNIFER',
  JERRY: 'GERALD',
  JIM: 'JAMES',
  JIMMY: 'JAMES',
  JOE: 'JOSEPH',
  JOEY: 'JOSEPH',
  JOHNNY: 'JOHN',
  KATE: 'KATHERINE',
  KATHY: 'KATHERINE',
  KATIE: 'KATHERINE',
  KEN: 'KENNETH',
  KENNY: 'KENNETH',
  LARRY: 'LAWRENCE',
  LIZ: 'ELIZABETH',
  LIZZIE: 'ELIZABETH',
  MAGGIE: 'MARGARET',
  MATT: 'MATTHEW',
  MEG: 'MARGARET',
  MIKE: 'MICHAEL',
  MIKEY: 'MICHAEL',
  NICK: 'NICHOLAS',
  PEGGY: 'MARGARET',
  PETE: 'PETER',
  RICK: 'RICHARD',
  RICKY: 'RICHARD',
  ROB: 'ROBERT',
  RON: 'RONALD',
  RONNIE: 'RONALD',
  SAM: 'SAMUEL',
  STEVE: 'STEVEN',
  STEPHEN: 'STEVEN',
  SUE: 'SUSAN',
  SUSIE: 'SUSAN',
  TIM: 'TIMOTHY',
  TOM: 'THOMAS',
  TOMMY: 'THOMAS',
  TONY: 'ANTHONY',
  VICKY: 'VICTORIA',
  WILL: 'WILLIAM',
  WILLY: 'WILLIAM',
};

/** A folded given name as records usually hold it: `BILL` → `WILLIAM`; a name not in the table is itself. */
export function canonicalGivenName(folded: string): string {
  return NICKNAMES[folded] ?? folded;
}

/** The nicknames of a canonical given name (for the synthetic error model): `WILLIAM` → `BILL`, `BILLY`, `WILL`, `WILLY`. */
export function nicknamesOf(canonical: string): string[] {
  return Object.keys(NICKNAMES).filter((nick) => nick !== canonical && NICKNAMES[nick] === canonical);
}
