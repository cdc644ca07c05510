// 消息推送 and 消息投递 in words: the channels' and states' Chinese names, the calendar feed's
// full address, and the checks of a channel form before it is sent. Pure.

export type ChannelKind = 'DINGTALK' | 'WECOM' | 'EMAIL'
export type DeliveryState = 'PENDING' | 'DELIVERED' | 'DEAD'

export const CHANNEL_NAMES: Record<ChannelKind, string> = {
  DINGTALK: '钉钉群机器人',
  WECOM: '企业微信群机器人',
  EMAIL: '电子邮件',
}

export const CHANNEL_KINDS: ChannelKind[] = ['DINGTALK', 'WECOM', 'EMAIL']

export const DELIVERY_STATES: Record<DeliveryState, string> = {
  PENDING: '待投递',
  DELIVERED: '已送达',
  DEAD: '死信',
}

export const EVENT_NAMES: Record<string, string> = {
  URGE_ISSUED: '催办',
  REPORT_RETURNED: '报告退回',
  ROUND_OPENED: '调度开始',
  WARNING_DIGEST: '每日预警',
  ITEM_REJECTED: '销号未通过',
  DOCUMENT_ISSUED: '公文印发',
}

/** The feed's full address: the page's origin and the path the server gave once. */
export function feedUrl(origin: string, path: string): string {
  return origin.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`)
}

export interface ChannelForm {
  kind: ChannelKind
  isNew: boolean // no channel of this kind yet
  webhookUrl: string
  secret: string
  email: string
}

/** What is wrong with the form, in Chinese; null when it may be sent. A blank URL or secret
 *  on an existing channel keeps the saved one. */
export function channelFormError(form: ChannelForm): string | null {
  if (form.kind === 'EMAIL') {
    const email = form.email.trim()
    if (!email && form.isNew) return '请填写收件邮箱地址'
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return '邮箱地址格式不正确，例如 zhangsan@example.gov.cn'
    return null
  }
  const url = form.webhookUrl.trim()
  if (!url && form.isNew) return '请填写机器人的 Webhook 地址'
  if (url && !/^https?:\/\/[^\s/]+/.test(url)) return 'Webhook 地址应以 http:// 或 https:// 开头'
  return null
}

/** The mutation's fields from the form: blank fields are left out (the server keeps them). */
export function channelInput(form: ChannelForm): { webhookUrl: string | null; secret: string | null; email: string | null } {
  if (form.kind === 'EMAIL') return { webhookUrl: null, secret: null, email: form.email.trim() || null }
  return {
    webhookUrl: form.webhookUrl.trim() || null,
    secret: form.kind === 'DINGTALK' && form.secret.trim() ? form.secret.trim() : null,
    email: null,
  }
}
