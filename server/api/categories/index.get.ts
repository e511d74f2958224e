export default defineEventHandler(async () => ({ items: await cachedListCategories() }))
