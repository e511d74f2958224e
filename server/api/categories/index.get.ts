export default defineEventHandler(() => ({ items: listCategories() }))
