/** Rupees with at most two decimals ⇄ integer paise, so prices are stored exactly. */
export function rupeesToPaise(rupees: number) {
  return Math.round(rupees * 100)
}

export function paiseToRupees(paise: number) {
  return paise / 100
}

export function hasAtMostTwoDecimals(rupees: number) {
  return Math.abs(rupees * 100 - Math.round(rupees * 100)) < 1e-6
}
