// Builds the app when .output is missing or older than any source file.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('..', import.meta.url))
export const serverEntry = join(root, '.output', 'server', 'index.mjs')
const sources = ['app.vue', 'app.config.ts', 'nuxt.config.ts', 'package.json', 'assets', 'components', 'composables', 'db', 'layouts', 'middleware', 'pages', 'server', 'shared', 'tasks']

function newestChange(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs)
}

export function ensureBuilt() {
  const builtAt = existsSync(serverEntry) ? statSync(serverEntry).mtimeMs : 0
  if (builtAt && !sources.some(source => newestChange(join(root, source)) > builtAt)) return
  console.log('[build] Building the app (about half a minute)…')
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'nuxt', 'bin', 'nuxt.mjs'), 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
