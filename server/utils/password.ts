import argon2 from 'argon2'

// OWASP minimum for argon2id: 19 MiB of memory, 2 iterations, 1 lane.
const options = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string) {
  return argon2.hash(password, options)
}

let decoyHash: Promise<string> | undefined

/** Verifies a password; with no stored hash it still spends the same time, so timing does not reveal which emails exist. */
export async function verifyPassword(hash: string | undefined, password: string) {
  if (!hash) {
    decoyHash ??= hashPassword('decoy-password-for-missing-accounts')
    await argon2.verify(await decoyHash, password).catch(() => false)
    return false
  }
  return argon2.verify(hash, password).catch(() => false)
}
