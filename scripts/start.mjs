// `npm start`: build when the sources changed, seed an empty database with demo data, serve.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const entry = join(root, '.output', 'server', 'index.mjs')
const sources = ['app.vue', 'app.config.ts', 'nuxt.config.ts', 'package.json', 'assets', 'components', 'composables', 'db', 'domain', 'layouts', 'middleware', 'pages', 'server', 'tasks']

function newestChange(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs)
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0
if (!builtAt || sources.some(source => newestChange(join(root, source)) > builtAt)) {
  console.log('[start] Building the app (about half a minute)…')
  run(process.execPath, [join(root, 'node_modules', 'nuxt', 'bin', 'nuxt.mjs'), 'build'])
}

run(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'db', 'seed.ts'), '--if-empty', '--print-logins'])

const port = process.env.PORT || '3000'
const server = spawn(process.execPath, [entry], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port } })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', code => process.exit(code ?? 0))
console.log(`[start] Open http://localhost:${port}`)
