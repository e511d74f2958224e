// Nuxt's renderer announces itself with `x-powered-by: Nuxt`: no need to tell an attacker the stack.
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('render:response', (response) => {
    if (response.headers) delete response.headers['x-powered-by']
  })
})
