import { z } from 'zod';

/**
 * 群机器人消息: the JSON body POSTed to a union org's webhook. WeCom reads `markdown.content`, DingTalk reads
 * `markdown.title` + `markdown.text`; receivers of our own read the `jiangxin` block. The body is signed
 * (see `webhookSignatureDescription`), so a receiver can trust it came from this engine.
 */
export const webhookMessageSchema = z
  .object({
    msgtype: z.literal('markdown').describe('消息类型（企业微信、钉钉群机器人通用）'),
    markdown: z
      .object({
        title: z.string().describe('标题（钉钉读取）'),
        content: z.string().describe('Markdown 正文（企业微信读取）'),
        text: z.string().describe('Markdown 正文（钉钉读取，与 content 相同）'),
      })
      .describe('群机器人消息'),
    jiangxin: z
      .object({
        eventId: z.string().describe('事件 id（同一事件重复投递时不变，可用于去重）'),
        eventType: z.string().describe('事件类型，如 order.submitted'),
        orgId: z.string().describe('接收消息的工会组织'),
        timestamp: z.number().int().describe('签名时间（Unix 秒，与 X-Jiangxin-Timestamp 相同）'),
        title: z.string().describe('标题（未转义）'),
        body: z.string().describe('正文（未转义）'),
        link: z.string().describe('详情链接：配置了公网地址时为绝对地址，否则为控制台路径'),
      })
      .describe('供自建接收端使用的结构化字段'),
  })
  .describe('群机器人 Webhook 消息');
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;

export const webhookSignatureDescription = [
  '签名：`X-Jiangxin-Signature: sha256=<hex>`，为以该组织 Webhook 签名密钥对**原始请求体字节**计算的 HMAC-SHA256（十六进制小写）。',
  '接收端应按收到的原始字节重新计算并以常量时间比较；`X-Jiangxin-Timestamp`（Unix 秒）同时写在请求体 `jiangxin.timestamp` 中，',
  '签名覆盖它，因此可拒绝与当前时间相差超过 5 分钟的请求以防重放。`X-Jiangxin-Delivery` 为投递 id，`X-Jiangxin-Event` 为事件类型。',
  '接收端应在 5 秒内答复 2xx；其他状态、超时或群机器人返回的 errcode≠0 视为失败并重试，最终失败的投递在 /api/admin/deliveries 中可见并可重试。',
].join('');
