export const ADMIN_EMAIL = 'admin@example.com'
export const ADMIN_PASSWORD = 'admin-test-password'
export const DEMO_PASSWORD = 'demo-password'
