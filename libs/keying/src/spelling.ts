/**
 * A name and every spelling of it with one letter left out (a deletion neighbourhood): two spellings one typo apart
 * (a letter substituted, dropped, added, or two adjacent letters swapped) always share one of them. `SMITH` →
 * `SMITH`, `MITH`, `SITH`, `SMTH`, `SMIH`, `SMIT`; `SMYTH` shares `SMTH`. Names of two letters or fewer get no
 * shorter spellings (one letter on its own says too little).
 */
export function oneLetterOut(name: string): string[] {
  const out = new Set([name]);
  if (name.length > 2) for (let i = 0; i < name.length; i++) out.add(name.slice(0, i) + name.slice(i + 1));
  return [...out];
}
