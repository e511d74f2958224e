import { tv } from 'tailwind-variants'
import badgeTheme from '#build/ui/badge'
import buttonTheme from '#build/ui/button'
import selectTheme from '#build/ui/select'
import tabsTheme from '#build/ui/tabs'

// The classes Nuxt UI gives a UButton / UBadge, computed once per variant and kept. List rows
// render plain elements with them (AppRowButton, AppBadge, AppTabsToolbar, AdminFilterToolbar): a UButton builds its
// variant function, props, form-field and link context on every instance, which made the
// buttons and badges of a ten-row list a third of its server render time (bench/pages.ts --profile).
const button = tv(buttonTheme)
const badge = tv(badgeTheme)
const tabs = tv(tabsTheme)
const select = tv(selectTheme)

type Slots<T extends (...args: never[]) => unknown> = { [K in keyof ReturnType<T>]: string }
export type ButtonVariant = NonNullable<Parameters<typeof button>[0]>
export type BadgeVariant = NonNullable<Parameters<typeof badge>[0]>
export type TabsVariant = NonNullable<Parameters<typeof tabs>[0]>
export type SelectVariant = NonNullable<Parameters<typeof select>[0]>

function memoized<V extends object, R>(compute: (variant: V) => R) {
  const cache = new Map<string, R>()
  return (variant: V) => {
    const key = JSON.stringify(variant)
    let classes = cache.get(key)
    if (!classes) cache.set(key, classes = compute(variant))
    return classes
  }
}

const slotsOf = <S extends Record<string, (...args: never[]) => string>>(slots: S) =>
  Object.fromEntries(Object.entries(slots).map(([name, slot]) => [name, slot()])) as { [K in keyof S]: string }

export const buttonClasses = memoized((variant: ButtonVariant) => slotsOf(button(variant)) as Slots<typeof button>)
export const badgeClasses = memoized((variant: BadgeVariant) => slotsOf(badge(variant)) as Slots<typeof badge>)
export const tabsClasses = memoized((variant: TabsVariant) => slotsOf(tabs(variant)) as Slots<typeof tabs>)
export const selectClasses = memoized((variant: SelectVariant) => slotsOf(select(variant)) as Slots<typeof select>)
