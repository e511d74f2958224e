// `npm start`: build when the sources changed, seed an empty database with demo data, serve.
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ensureBuilt, root, serverEntry } from './build-if-needed.mjs'

ensureBuilt()

const seed = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'db', 'seed.ts'), '--if-empty', '--print-logins'], { cwd: root, stdio: 'inherit' })
if (seed.status !== 0) process.exit(seed.status ?? 1)

const port = process.env.PORT || '3000'
const server = spawn(process.execPath, [serverEntry], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port } })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', code => process.exit(code ?? 0))
console.log(`[start] Open http://localhost:${port}`)
