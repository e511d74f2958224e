// A text cell a spreadsheet would run as a formula: it starts with = + - @, a tab or a carriage
// return, whatever follows (no `$`, no `.`: a line break later in the cell must not save it).
const FORMULA_START = /^[=+\-@\t\r]/

/** The cell as a spreadsheet will show it as text: a leading `'` when it could run as a formula (OWASP CSV injection). */
export function neutraliseFormula(cell: string) {
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

/** Every text cell of a row neutralised; numbers and empty cells as they are. */
export function neutraliseRow(row: readonly unknown[]) {
  return row.map(cell => (typeof cell === 'string' ? neutraliseFormula(cell) : cell))
}
