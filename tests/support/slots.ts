import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * Picks a free time in the slot picker as a person would: the day it opened on (the first with a
 * free time), then the `index`-th time card of that day. Answers the day and the time's label.
 */
export async function chooseFreeTime(scope: Page | Locator, index = 0) {
  const picker = scope.getByTestId('slot-picker')
  const cards = picker.getByTestId('slot-times').locator('[data-slot="item"]')
  await expect.poll(() => cards.count(), { timeout: 10_000 }).toBeGreaterThan(index)
  const day = await picker.locator('[aria-pressed="true"]').getAttribute('data-day')
  const card = cards.nth(index)
  await card.click()
  await expect.poll(() => card.getByRole('radio').getAttribute('aria-checked')).toBe('true')
  const label = (await card.locator('[data-slot="label"]').textContent())?.trim() ?? ''
  return { day: day!, label }
}
