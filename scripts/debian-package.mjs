// Installs a Debian package a script needs (as root), or says how to and stops.
import { spawnSync } from 'node:child_process'

const isRoot = process.getuid?.() === 0

export function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

/** Makes sure `command` is here, installing the package `pkg` when possible; `fail()` otherwise. */
export function ensureDebianPackage(command, pkg, { purpose = 'the tests', fail = () => process.exit(1) } = {}) {
  if (has(command)) return
  if (!isRoot || !has('apt-get')) {
    console.error(`\n${command} is needed by ${purpose} and is missing. Install it with:\n  sudo apt-get install -y ${pkg}\n`)
    return fail()
  }
  console.log(`[setup] Installing ${pkg} (Debian package)…`)
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  if (!install || install.status !== 0 || !has(command)) {
    console.error(`[setup] Could not install ${pkg}.`)
    return fail()
  }
}
