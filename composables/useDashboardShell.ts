/**
 * The dashboard shell's state: the phone menu (open or not) and the desktop sidebar (collapsed or
 * not, kept in a cookie so the server renders it as the visitor left it). Shared by the layout and
 * every panel's navbar (AppPanelNavbar), which hold the buttons.
 */
export function useDashboardShell() {
  const menuOpen = useState('dashboard:menu-open', () => false)
  const collapsed = useCookie<boolean>('hs-sidebar-collapsed', { default: () => false, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })
  return { menuOpen, collapsed }
}
