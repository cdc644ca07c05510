// The workbench's entry: Vue, the router, Element Plus's styles for the services used by call
// (message, message box); components are imported on demand by the build.
import { createApp } from 'vue'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/notification/style/css'
import './styles.css'
import App from './App.vue'
import router from './router'
import { forgetSignedIn } from './session'
import { watchPickerPanels } from './lib/pickerNames'

window.addEventListener('tongnan:signed-out', () => {
  forgetSignedIn()
  if (router.currentRoute.value.path !== '/login') {
    void router.push({ path: '/login', query: { redirect: router.currentRoute.value.fullPath, expired: '1' } })
  }
})

watchPickerPanels(document.body)
createApp(App).use(router).mount('#app')
