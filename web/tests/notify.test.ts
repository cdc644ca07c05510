import { describe, expect, it } from 'vitest'
import { channelFormError, channelInput, feedUrl, type ChannelForm } from '../src/lib/notify'

const form = (over: Partial<ChannelForm>): ChannelForm => ({ kind: 'DINGTALK', isNew: true, webhookUrl: '', secret: '', email: '', ...over })

describe('the notification settings in words', () => {
  it('joins the origin and the feed path once', () => {
    expect(feedUrl('http://10.1.2.3:8000/', '/calendar/abc.ics')).toBe('http://10.1.2.3:8000/calendar/abc.ics')
    expect(feedUrl('http://h', 'calendar/x.ics')).toBe('http://h/calendar/x.ics')
  })
  it('asks for a webhook on a new robot and checks its scheme, keeps it blank on an edit', () => {
    expect(channelFormError(form({}))).toBe('请填写机器人的 Webhook 地址')
    expect(channelFormError(form({ webhookUrl: 'oapi.dingtalk.com/robot' }))).toContain('http://')
    expect(channelFormError(form({ webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=x' }))).toBeNull()
    expect(channelFormError(form({ isNew: false }))).toBeNull()
  })
  it('checks an e-mail address', () => {
    expect(channelFormError(form({ kind: 'EMAIL' }))).toBe('请填写收件邮箱地址')
    expect(channelFormError(form({ kind: 'EMAIL', email: 'not-mail' }))).toContain('格式不正确')
    expect(channelFormError(form({ kind: 'EMAIL', email: 'a@b.cn' }))).toBeNull()
  })
  it('sends only what was typed, and a secret only for DingTalk', () => {
    expect(channelInput(form({ webhookUrl: ' https://x/y ', secret: 'SEC' }))).toEqual({ webhookUrl: 'https://x/y', secret: 'SEC', email: null })
    expect(channelInput(form({ kind: 'WECOM', webhookUrl: 'https://x', secret: 'SEC' }))).toEqual({ webhookUrl: 'https://x', secret: null, email: null })
    expect(channelInput(form({ isNew: false }))).toEqual({ webhookUrl: null, secret: null, email: null })
  })
})
