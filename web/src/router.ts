// The pages and the guard: anyone not signed in goes to 登录, then back where they were going.
import { createRouter, createWebHistory } from 'vue-router'
import { loadSession, session } from './session'
import { homeFor } from './lib/menu'

const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/login', component: () => import('./pages/LoginPage.vue'), meta: { title: '登录', public: true } },
    {
      path: '/',
      component: () => import('./layout/MainLayout.vue'),
      children: [
        { path: '', component: { render: () => null }, meta: { title: '首页' } },
        { path: 'tasks', component: () => import('./pages/MyTasksPage.vue'), meta: { title: '我的任务' } },
        { path: 'reports', component: () => import('./pages/ReportsPage.vue'), meta: { title: '填报' } },
        { path: 'review', component: () => import('./pages/ReviewPage.vue'), meta: { title: '审核' } },
        { path: 'rectification', component: () => import('./pages/RectificationPage.vue'), meta: { title: '整改台账' } },
        { path: 'urges', component: () => import('./pages/UrgesPage.vue'), meta: { title: '催办' } },
        { path: 'office/board', component: () => import('./pages/office/BoardPage.vue'), meta: { title: '总览' } },
        { path: 'office/review', component: () => import('./pages/office/ReviewPage.vue'), meta: { title: '审核' } },
        { path: 'office/dispatch', component: () => import('./pages/office/DispatchPage.vue'), meta: { title: '调度' } },
        { path: 'office/tasks/:number?', component: () => import('./pages/office/TaskPage.vue'), meta: { title: '任务' } },
        { path: 'plan/:number?', component: () => import('./pages/office/TaskPage.vue'), meta: { title: '任务' } },
        { path: 'office/matrix', component: () => import('./pages/office/MatrixPage.vue'), meta: { title: '责任矩阵' } },
        { path: 'office/ledger', component: () => import('./pages/office/LedgerPage.vue'), meta: { title: '整改台账' } },
        { path: 'office/documents', component: () => import('./pages/office/DocumentsPage.vue'), meta: { title: '公文' } },
        { path: 'office/plan-import', component: () => import('./pages/office/PlanImportPage.vue'), meta: { title: '计划导入' } },
        { path: 'office/users', component: () => import('./pages/office/UsersPage.vue'), meta: { title: '账号管理' } },
        { path: 'office/audit', component: () => import('./pages/office/AuditPage.vue'), meta: { title: '审计' } },
        { path: 'office/supervision', component: () => import('./pages/office/SupervisionPage.vue'), meta: { title: '督查' } },
        { path: 'notify', component: () => import('./pages/NotifyPage.vue'), meta: { title: '消息推送' } },
        { path: 'office/deliveries', component: () => import('./pages/office/DeliveriesPage.vue'), meta: { title: '消息投递' } },
        { path: 'account', component: () => import('./pages/AccountPage.vue'), meta: { title: '账号' } },
        { path: ':rest(.*)*', component: () => import('./pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
      ],
    },
  ],
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  let user = session.user
  try {
    user = await loadSession()
  } catch {
    user = null
  }
  if (!user) return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (to.path === '/') return homeFor({ role: user.role, leadsSomething: session.leadsSomething })
  return true
})

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? '')} · 潼南区巩固衔接工作调度平台`
})

export default router
